/* statementkg timeline: draws the events embedded in #timeline-data on a canvas time axis.
   Plain JavaScript, no library, nothing fetched: the page works opened from disk. */
(function () {
  "use strict";

  // ------------------------------------------------------------------ constants
  var DAY_MS = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // Lanes top to bottom and their colours come with the data, from the schema's lane and colour of
  // each class (src/statementkg/schema/events.yaml): what happened, what was done about it, statements.
  var FALLBACK_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
  var ROLE_NAMES = {
    subject: "Subject", referredTo: "Referred to", referredBy: "Referred by", assessedBy: "Assessed by",
    commissionedBy: "Commissioned by", conductedBy: "Conducted by", chairedBy: "Chaired by",
    appointee: "Appointee", appointedBy: "Appointed by", publishedBy: "Published by", perpetrator: "Perpetrator",
    victim: "Victim", agent: "Agent", hasActor: "Actor", speaker: "Speaker", department: "Department"
  };
  var RELATION_NAMES = {
    "examines": "Examines", "responds to": "Responds to", "examined by": "Examined by", "prompted": "Prompted"
  };
  var GUTTER = 172;          // lane labels
  var AXIS_H = 46;           // date axis at the top
  var ROW_H = 19;            // one row of marks inside a lane
  var LANE_PAD = 6;
  var DENSE_H = 7;           // strip showing events that do not fit
  var FADE_PX = 90;          // length of the fade of an open-ended window
  var LABEL_MAX = 240;
  var MIN_SPAN = 4;          // days across the axis when zoomed in furthest
  var MAX_SPAN = 200 * 365.25;
  var MAX_ROWS = 12;
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

  // ------------------------------------------------------------------ data
  var raw = JSON.parse(document.getElementById("timeline-data").textContent);
  var statements = raw.statements.map(function (s) { return { iri: s[0], title: s[1], date: s[2] }; });
  var actors = raw.actors.map(function (a) { return { iri: a[0], label: a[1], kind: a[2] }; });

  var LANES = raw.lanes || {};

  function humanType(t) {
    if (t === "Event") return "Other event";
    if (LANES[t]) return LANES[t][2];
    var words = t.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function colourOf(type, i) {
    return (LANES[type] && LANES[type][1]) || FALLBACK_COLOURS[i % FALLBACK_COLOURS.length];
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  var types = raw.types.map(function (t, i) {
    var c = colourOf(t, i);
    return { name: t, label: humanType(t), colour: c, fill: rgba(c, 0.28), fade: rgba(c, 0.6), clear: rgba(c, 0),
             dense: c, total: 0, matching: 0, events: [] };
  });
  types.sort(function (a, b) {
    var ia = LANES[a.name] ? LANES[a.name][0] : 1000, ib = LANES[b.name] ? LANES[b.name][0] : 1000;
    return ia - ib || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  var typeByName = {};
  types.forEach(function (t) { typeByName[t.name] = t; });

  // Shapes of an event in days: points, windows, fades (one bound only), a line to its end.
  function shapes(b0, b1, e0, e1) {
    var out = [];
    var hasEnd = e0 !== null || e1 !== null;
    var beginRight = null;
    if (b0 !== null && b1 !== null) {
      if (b0 === b1) out.push({ k: "point", a: b0 + 0.5 });
      else out.push({ k: "window", a: b0, b: b1 + 1 });
      beginRight = b1 + 1;
    } else if (b0 !== null) {
      if (hasEnd) out.push({ k: "window", a: b0, b: (e0 !== null ? e0 : e1) + 1 });
      else out.push({ k: "fadeR", a: b0 });
      beginRight = b0 + 1;
    } else if (b1 !== null) {
      out.push({ k: "fadeL", b: b1 + 1 });
      beginRight = b1 + 1;
    }
    if (hasEnd) {
      var endLeft = e0 !== null ? e0 : e1;
      if (beginRight !== null && endLeft > beginRight) out.push({ k: "line", a: beginRight, b: endLeft });
      if (e0 !== null && e1 !== null) {
        if (e1 > e0) out.push({ k: "window", a: e0, b: e1 + 1 });
        else out.push({ k: "tick", a: e0 + 1 });
      } else if (e0 !== null) {
        out.push({ k: "tick", a: e0 }); out.push({ k: "fadeR", a: e0 });
      } else {
        out.push({ k: "tick", a: e1 + 1 });
      }
    }
    return out;
  }

  /* Event rows (written by statementkg.timeline._payload):
     0 IRI, 1 type index, 2 label, 3 earliest begin, 4 latest begin, 5 earliest end, 6 latest end
     (days since 1970-01-01 or null), 7 date in words, 8 EDTF, 9 planned (0/1),
     10 quotes [[text, statement index]], 11 participants [[role, actor index]],
     12 review links [[relation, IRI, label]], 13 time expressions, 14 places. */
  function decode(row, i) {
    var ev = {
      i: i, iri: row[0], type: typeByName[raw.types[row[1]]], label: row[2],
      b0: row[3], b1: row[4], e0: row[5], e1: row[6], when: row[7], edtf: row[8], planned: row[9] === 1,
      quotes: row[10].map(function (q) { return { text: q[0], statement: statements[q[1]] }; }),
      parts: row[11].map(function (p) { return { role: p[0], actor: actors[p[1]], index: p[1] }; }),
      reviews: row[12].map(function (r) { return { relation: r[0], iri: r[1], label: r[2] }; }),
      exprs: row[13], places: row[14]
    };
    var known = [ev.b0, ev.b1, ev.e0, ev.e1].filter(function (d) { return d !== null; });
    ev.dated = known.length > 0;
    ev.start = ev.dated ? Math.min.apply(null, known) : null;
    ev.end = ev.dated ? Math.max.apply(null, known) + 1 : null;
    ev.shapes = ev.dated ? shapes(ev.b0, ev.b1, ev.e0, ev.e1) : [];
    ev.search = [ev.label, ev.type.label, ev.when, ev.edtf].concat(
      ev.quotes.map(function (q) { return q.text + " " + q.statement.title; }),
      ev.parts.map(function (p) { return p.actor.label; }), ev.exprs, ev.places).join(" \u0001 ").toLowerCase();
    ev.type.total += 1;
    return ev;
  }
  var events = raw.events.map(decode);
  var byIri = {};
  events.forEach(function (ev) { byIri[ev.iri] = ev; });
  var dated = events.filter(function (ev) { return ev.dated; });
  var undated = events.filter(function (ev) { return !ev.dated; });
  var dataMin = dated.length ? Math.min.apply(null, dated.map(function (e) { return e.start; })) : 0;
  var dataMax = dated.length ? Math.max.apply(null, dated.map(function (e) { return e.end; })) : 1;

  // ------------------------------------------------------------------ dates
  function ymd(day) {
    var d = new Date(Math.floor(day) * DAY_MS);
    return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  }
  function dayOf(y, m, d) { return Date.UTC(y, m, d) / DAY_MS; }
  function fmtDay(day) { var p = ymd(day); return p[2] + " " + MONTHS[p[1]] + " " + p[0]; }
  function daysInMonth(y, m) { return dayOf(y, m + 1, 1) - dayOf(y, m, 1); }
  function num(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function fmtSpan(days) {
    if (days >= 2 * 365.25) return "about " + Math.round(days / 365.25) + " years";
    if (days >= 60) return "about " + Math.round(days / 30.44) + " months";
    return Math.round(days) + " days";
  }

  // ------------------------------------------------------------------ state
  var canvas = document.getElementById("timeline-canvas");
  var chart = document.getElementById("chart");
  var ctx = canvas.getContext("2d");
  var tooltip = document.getElementById("tooltip");
  var view = { t0: 0, t1: 1 };
  var filters = { off: {}, person: "", org: "", terms: [], plannedOnly: false };
  var matching = new Uint8Array(events.length);
  var selected = -1;
  var hover = -1;
  var layout = null;          // result of the last layout pass
  var drag = null;
  var labelWidth = new Float32Array(events.length).fill(-1);
  var labelText = new Array(events.length);

  // ------------------------------------------------------------------ filters
  function personOrOrg(kind) {
    var counts = {};
    events.forEach(function (ev) {
      var seen = {};
      ev.parts.forEach(function (p) {
        if (p.actor.kind === kind && !seen[p.index]) { seen[p.index] = true; counts[p.index] = (counts[p.index] || 0) + 1; }
      });
    });
    return Object.keys(counts).map(Number).sort(function (a, b) {
      var la = actors[a].label.toLowerCase(), lb = actors[b].label.toLowerCase();
      return la < lb ? -1 : la > lb ? 1 : a - b;
    }).map(function (i) { return { actor: actors[i], count: counts[i] }; });
  }

  function fillSelect(select, entries) {
    entries.forEach(function (e) {
      var o = document.createElement("option");
      o.value = e.actor.iri;
      o.textContent = e.actor.label + " (" + e.count + ")";
      select.appendChild(o);
    });
    select.disabled = entries.length === 0;
  }

  function applyFilters() {
    types.forEach(function (t) { t.matching = 0; t.events = []; });
    for (var i = 0; i < events.length; i++) {
      var ev = events[i], ok = !filters.off[ev.type.name];
      if (ok && filters.plannedOnly) ok = ev.planned;
      if (ok && (filters.person || filters.org)) {
        var hasPerson = !filters.person, hasOrg = !filters.org;
        for (var j = 0; j < ev.parts.length; j++) {
          if (ev.parts[j].actor.iri === filters.person) hasPerson = true;
          if (ev.parts[j].actor.iri === filters.org) hasOrg = true;
        }
        ok = hasPerson && hasOrg;
      }
      for (var k = 0; ok && k < filters.terms.length; k++) ok = ev.search.indexOf(filters.terms[k]) >= 0;
      matching[i] = ok ? 1 : 0;
      if (ok && ev.dated) { ev.type.matching += 1; ev.type.events.push(ev); }
    }
    updateUndated();
    scheduleRender();
  }

  function buildTypeFilters() {
    var box = document.getElementById("type-filters");
    types.forEach(function (t) {
      var label = document.createElement("label");
      label.className = "type-chip";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.checked = true;
      input.value = t.name;
      input.setAttribute("data-type", t.name);
      input.addEventListener("change", function () {
        if (input.checked) delete filters.off[t.name]; else filters.off[t.name] = true;
        label.classList.toggle("off", !input.checked);
        applyFilters();
      });
      var sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = t.colour;
      var name = document.createElement("span");
      name.textContent = t.label;
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = num(t.total);
      label.appendChild(input); label.appendChild(sw); label.appendChild(name); label.appendChild(n);
      box.appendChild(label);
    });
  }

  // ------------------------------------------------------------------ view
  function plotWidth() { return Math.max(50, canvas.clientWidth - GUTTER - 12); }

  function setView(t0, t1) {
    tooltip.hidden = true;
    var span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, t1 - t0));
    var mid = (t0 + t1) / 2;
    // Keep some of the data in sight, however far one pans.
    mid = Math.max(dataMin - span * 0.45, Math.min(dataMax + span * 0.45, mid));
    view.t0 = mid - span / 2;
    view.t1 = mid + span / 2;
    rescale();
    scheduleRender();
  }

  function zoomAt(factor, anchorDay) {
    var span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, (view.t1 - view.t0) * factor));
    var f = (anchorDay - view.t0) / (view.t1 - view.t0);
    setView(anchorDay - f * span, anchorDay - f * span + span);
  }

  function fit() {
    var lo = Infinity, hi = -Infinity;
    events.forEach(function (ev) {
      if (matching[ev.i] && ev.dated) { lo = Math.min(lo, ev.start); hi = Math.max(hi, ev.end); }
    });
    if (lo === Infinity) { lo = dataMin; hi = dataMax; }
    // Room on both sides for the fades of open-ended windows.
    var room = Math.min(0.4, 2 * (FADE_PX * 0.8) / plotWidth());
    var total = Math.max(hi - lo, 20) / (1 - room);
    setView(lo - total * room / 2, hi + total * room / 2);
  }

  // Pixels per day, refreshed whenever the view or the width changes (xOf runs for every mark).
  var scale = { k: 1, t0: 0 };
  function rescale() { scale.k = plotWidth() / (view.t1 - view.t0); scale.t0 = view.t0; }
  function xOf(day) { return GUTTER + (day - scale.t0) * scale.k; }
  function dayAt(x) { return scale.t0 + (x - GUTTER) / scale.k; }

  // ------------------------------------------------------------------ layout
  function extentOf(ev) {
    var x0 = Infinity, x1 = -Infinity;
    for (var s = 0; s < ev.shapes.length; s++) {
      var sh = ev.shapes[s], a, b;
      if (sh.k === "point") { a = xOf(sh.a) - 6; b = a + 12; }
      else if (sh.k === "window") { a = xOf(sh.a); b = Math.max(xOf(sh.b), a + 5); }
      else if (sh.k === "line") { a = xOf(sh.a); b = xOf(sh.b); }
      else if (sh.k === "tick") { a = xOf(sh.a) - 1; b = a + 2; }
      else if (sh.k === "fadeR") { a = xOf(sh.a) - 1; b = a + FADE_PX; }
      else { b = xOf(sh.b) + 1; a = b - FADE_PX; }
      if (a < x0) x0 = a;
      if (b > x1) x1 = b;
    }
    return [x0, x1];
  }

  function measureLabel(ev) {
    if (labelWidth[ev.i] < 0) {
      ctx.font = "12px " + FONT;
      var text = ev.label + (ev.planned ? " (planned)" : ""), w = ctx.measureText(text).width;
      if (w > LABEL_MAX) {
        while (text.length > 4 && ctx.measureText(text + "…").width > LABEL_MAX) text = text.slice(0, -2);
        text += "…";
        w = ctx.measureText(text).width;
      }
      labelWidth[ev.i] = w;
      labelText[ev.i] = text;
    }
    return labelWidth[ev.i];
  }

  function computeLayout() {
    var width = canvas.clientWidth, plotRight = width - 12, pw = plotWidth();
    var daysPerPx = (view.t1 - view.t0) / pw;
    var margin = FADE_PX * daysPerPx;
    var lanes = [];
    types.forEach(function (t) {
      if (filters.off[t.name] || t.matching === 0) return;
      var vis = [];
      for (var i = 0; i < t.events.length; i++) {
        var ev = t.events[i];
        if (ev.end + margin < view.t0 || ev.start - margin > view.t1) continue;
        var ext = extentOf(ev);
        if (ext[1] < GUTTER || ext[0] > plotRight) continue;
        vis.push({ ev: ev, x0: ext[0], x1: ext[1], row: -1, label: false });
      }
      vis.sort(function (a, b) { return a.x0 - b.x0 || a.ev.i - b.ev.i; });
      // Labels only where there is room for them; dense lanes show marks alone.
      var withLabels = vis.length * 48 <= pw;
      var rowsEnd = [], rowsTaken = [], wide = [];
      for (var v = 0; v < vis.length; v++) {
        var item = vis[v];
        item.start = item.x0;
        item.end = item.x1;
        if (withLabels) {
          // The label goes right of the mark, or left of it when the right edge is too near.
          var lw = measureLabel(item.ev);
          item.label = true;
          item.labelAt = "right";
          if (item.end + 6 + lw <= plotRight) item.end += 6 + lw;
          else if (item.x0 - 6 - lw >= GUTTER) { item.start -= 6 + lw; item.labelAt = "left"; }
          else if (item.x1 - Math.max(item.x0, GUTTER) > 60) item.labelAt = "inside";  // wider than the view
          else item.end += 6 + lw;
        }
        // Windows wider than half the view say least at this zoom: they get the rows the others leave.
        if (Math.min(item.x1, plotRight) - Math.max(item.x0, GUTTER) > pw / 2) { wide.push(item); continue; }
        var r = 0;
        while (r < rowsEnd.length && rowsEnd[r] > item.start - 3) r++;
        if (r >= MAX_ROWS) continue;
        if (r === rowsEnd.length) rowsTaken.push([]);
        rowsEnd[r] = item.end;
        rowsTaken[r].push(item);
        item.row = r;
      }
      wide.forEach(function (item) {
        for (var r = 0; r < MAX_ROWS; r++) {
          if (r === rowsTaken.length) rowsTaken.push([]);
          var free = rowsTaken[r].every(function (o) { return o.end <= item.start - 3 || o.start >= item.end + 3; });
          if (free) { rowsTaken[r].push(item); item.row = r; return; }
        }
      });
      while (rowsTaken.length && !rowsTaken[rowsTaken.length - 1].length) rowsTaken.pop();
      var lost = vis.filter(function (item) { return item.row < 0; }).length;  // beyond MAX_ROWS
      lanes.push({ type: t, vis: vis, needed: rowsTaken.length, lost: lost, rows: 0, y: 0, h: 0, dense: null });
    });
    // Same first-fit packing whatever the cap, so a smaller cap only moves the top rows into the dense strip.
    var avail = Math.max(300, window.innerHeight - 250) - AXIS_H;
    function laneHeight(l, cap) {
      var rows = Math.max(1, Math.min(l.needed, cap)), strip = l.needed > cap || l.lost > 0;
      return Math.max(32, 2 * LANE_PAD + rows * ROW_H + (strip ? DENSE_H + 3 : 0));
    }
    function heightFor(cap) {
      return lanes.reduce(function (sum, l) { return sum + laneHeight(l, cap); }, 0);
    }
    var cap = MAX_ROWS;
    while (cap > 2 && heightFor(cap) > avail) cap--;
    var y = AXIS_H, drawn = 0, marked = 0, dense = 0;
    lanes.forEach(function (l) {
      l.rows = Math.max(1, Math.min(l.needed, cap));
      l.h = laneHeight(l, cap);
      l.y = y;
      var bins = {}, inStrip = 0;
      l.vis.forEach(function (item) {
        drawn += 1;
        if (item.row >= 0 && item.row < l.rows) { marked += 1; return; }
        item.row = -1;
        inStrip += 1;
        // Binned where the event shows on screen, 6 px to a bin.
        var bin = Math.floor((Math.max(GUTTER, item.x0) + Math.min(plotRight, item.x1)) / 12);
        bins[bin] = (bins[bin] || 0) + 1;
      });
      if (inStrip) l.dense = bins;
      dense += inStrip;
      y += l.h;
    });
    return { lanes: lanes, height: y + 6, width: width, drawn: drawn, marked: marked, dense: dense, marks: [] };
  }

  // ------------------------------------------------------------------ drawing
  var levels = [["day", 1, 1], ["day", 2, 2], ["day", 7, 7], ["month", 1, 30.44], ["month", 3, 91.3],
    ["month", 6, 182.6], ["year", 1, 365.25], ["year", 2, 730.5], ["year", 5, 1826], ["year", 10, 3652],
    ["year", 20, 7305], ["year", 50, 18262], ["year", 100, 36525]];

  function ticks(level, t0, t1) {
    var unit = level[0], step = level[1], out = [], p = ymd(t0), d;
    if (unit === "year") {
      for (var y = Math.floor(p[0] / step) * step; (d = dayOf(y, 0, 1)) <= t1; y += step) if (d >= t0) out.push(d);
    } else if (unit === "month") {
      for (var m = Math.floor((p[0] * 12 + p[1]) / step) * step; (d = dayOf(Math.floor(m / 12), m % 12, 1)) <= t1; m += step) {
        if (d >= t0) out.push(d);
      }
    } else {
      for (d = Math.ceil(t0); d <= t1; d++) {
        var q = ymd(d), dim = daysInMonth(q[0], q[1]);
        if ((q[2] - 1) % step === 0 && (q[2] === 1 || dim - q[2] >= step / 2)) out.push(d);
      }
    }
    return out;
  }

  function tickLabel(unit, day) {
    var p = ymd(day);
    if (unit === "year") return String(p[0]);
    if (unit === "month") return MONTHS[p[1]];
    return String(p[2]);
  }

  function drawAxis(h) {
    var k = plotWidth() / (view.t1 - view.t0), width = canvas.clientWidth;
    var labelLevel = levels.length - 1, minorLevel = -1;
    for (var i = 0; i < levels.length; i++) {
      var minPx = levels[i][0] === "day" ? 26 : levels[i][0] === "month" ? 38 : 46;
      if (levels[i][2] * k >= minPx) { labelLevel = i; break; }
    }
    for (var j = 0; j < labelLevel; j++) if (levels[j][2] * k >= 7) { minorLevel = j; break; }
    var unit = levels[labelLevel][0];
    ctx.save();
    ctx.beginPath();
    ctx.rect(GUTTER, 0, width - GUTTER, h);
    ctx.clip();
    ctx.textBaseline = "alphabetic";
    if (minorLevel >= 0) {
      ctx.strokeStyle = "#c4cbd6";
      ctx.beginPath();
      ticks(levels[minorLevel], view.t0, view.t1).forEach(function (d) {
        var x = Math.round(xOf(d)) + 0.5;
        ctx.moveTo(x, AXIS_H - 5); ctx.lineTo(x, AXIS_H);
      });
      ctx.stroke();
    }
    var major = ticks(levels[labelLevel], view.t0, view.t1);
    ctx.strokeStyle = "#edf0f5";
    ctx.beginPath();
    major.forEach(function (d) { var x = Math.round(xOf(d)) + 0.5; ctx.moveTo(x, AXIS_H); ctx.lineTo(x, h); });
    ctx.stroke();
    ctx.strokeStyle = "#8994a6";
    ctx.fillStyle = "#4a5466";
    ctx.font = "12px " + FONT;
    ctx.beginPath();
    major.forEach(function (d) {
      var x = Math.round(xOf(d)) + 0.5;
      ctx.moveTo(x, AXIS_H - 9); ctx.lineTo(x, AXIS_H);
      var text = tickLabel(unit, d);
      if (x + 3 + ctx.measureText(text).width <= width - 2) ctx.fillText(text, x + 3, AXIS_H - 12);
    });
    ctx.stroke();
    // A context row above the ticks: the year for months, the month for days.
    if (unit !== "year") {
      var ctxLevel = unit === "day" ? ["month", 1] : ["year", 1];
      var bounds = ticks(ctxLevel, view.t0, view.t1);
      var fmt = function (d) { var p = ymd(d); return unit === "day" ? MONTHS[p[1]] + " " + p[0] : String(p[0]); };
      ctx.font = "600 12px " + FONT;
      ctx.fillStyle = "#1d2433";
      ctx.strokeStyle = "#d3d9e3";
      ctx.beginPath();
      bounds.forEach(function (d) {
        var x = Math.round(xOf(d)) + 0.5;
        ctx.moveTo(x, 4); ctx.lineTo(x, h);
        if (x + 4 + ctx.measureText(fmt(d)).width <= width - 2) ctx.fillText(fmt(d), x + 4, 16);
      });
      ctx.stroke();
      if (!bounds.length || xOf(bounds[0]) > GUTTER + 90) ctx.fillText(fmt(view.t0), GUTTER + 6, 16);
    }
    ctx.restore();
    ctx.strokeStyle = "#b8c0cc";
    ctx.beginPath();
    ctx.moveTo(0, AXIS_H + 0.5); ctx.lineTo(width, AXIS_H + 0.5);
    ctx.stroke();
  }

  function roundRect(x, y, w, h, r) {
    r = Math.min(r, w / 2, h / 2);
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  function drawEvent(ev, cy) {
    var t = ev.type, top = cy - 6, hgt = 12;
    for (var s = 0; s < ev.shapes.length; s++) {
      var sh = ev.shapes[s];
      ctx.setLineDash(ev.planned ? [4, 3] : []);
      if (sh.k === "point") {
        var dayPx = xOf(1) - xOf(0);
        if (dayPx >= 24) {
          // Zoomed to days: show the whole day the event happened on behind its dot.
          ctx.fillStyle = rgba(t.colour, 0.12);
          ctx.fillRect(xOf(Math.floor(sh.a)), top - 2, dayPx, hgt + 4);
        }
        ctx.beginPath();
        ctx.arc(xOf(sh.a), cy, 5.5, 0, 2 * Math.PI);
        ctx.fillStyle = ev.planned ? "#fff" : t.colour;
        ctx.fill();
        ctx.lineWidth = ev.planned ? 2 : 1;
        ctx.strokeStyle = ev.planned ? t.colour : "#fff";
        ctx.stroke();
      } else if (sh.k === "window") {
        var a = xOf(sh.a), w = Math.max(xOf(sh.b) - a, 5);
        roundRect(a, top, w, hgt, 3);
        ctx.fillStyle = ev.planned ? "rgba(255,255,255,0.85)" : t.fill;
        ctx.fill();
        ctx.lineWidth = ev.planned ? 1.6 : 1;
        ctx.strokeStyle = t.colour;
        ctx.stroke();
      } else if (sh.k === "line") {
        ctx.setLineDash([]);
        ctx.fillStyle = t.colour;
        ctx.fillRect(xOf(sh.a), cy - 1.5, Math.max(1, xOf(sh.b) - xOf(sh.a)), 3);
      } else if (sh.k === "tick") {
        ctx.setLineDash([]);
        ctx.fillStyle = t.colour;
        ctx.fillRect(xOf(sh.a) - 1, top, 2.5, hgt);
      } else {
        var edge = sh.k === "fadeR" ? xOf(sh.a) : xOf(sh.b);
        var far = sh.k === "fadeR" ? edge + FADE_PX : edge - FADE_PX;
        var g = ctx.createLinearGradient(edge, 0, far, 0);
        g.addColorStop(0, ev.planned ? rgba(t.colour, 0.3) : t.fade);
        g.addColorStop(1, t.clear);
        ctx.fillStyle = g;
        ctx.fillRect(Math.min(edge, far), top, FADE_PX, hgt);
        if (ev.planned) {
          var outline = ctx.createLinearGradient(edge, 0, far, 0);
          outline.addColorStop(0, t.colour);
          outline.addColorStop(1, t.clear);
          ctx.strokeStyle = outline;
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(edge, top + 0.75); ctx.lineTo(far, top + 0.75);
          ctx.moveTo(edge, top + hgt - 0.75); ctx.lineTo(far, top + hgt - 0.75);
          ctx.stroke();
        }
        ctx.setLineDash([]);
        ctx.fillStyle = t.colour;
        ctx.fillRect(edge - (sh.k === "fadeR" ? 0 : 2.5), top - 1, 2.5, hgt + 2);
      }
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
  }

  function draw() {
    var L = layout, width = L.width, h = L.height, dpr = window.devicePixelRatio || 1;
    canvas.style.height = h + "px";
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, h);
    // lanes
    L.lanes.forEach(function (l, n) {
      ctx.fillStyle = n % 2 ? "#fafbfd" : "#ffffff";
      ctx.fillRect(0, l.y, width, l.h);
    });
    ctx.fillStyle = "#f3f5f9";
    ctx.fillRect(0, 0, GUTTER, h);
    drawAxis(h);
    L.lanes.forEach(function (l) {
      ctx.fillStyle = l.type.colour;
      ctx.fillRect(0, l.y + 1, 5, l.h - 2);
      ctx.fillStyle = "#1d2433";
      ctx.font = "600 13px " + FONT;
      ctx.textBaseline = "middle";
      var mid = l.y + Math.min(l.h / 2, 22);
      ctx.fillText(l.type.label, 14, mid - 7);
      ctx.font = "11.5px " + FONT;
      ctx.fillStyle = "#6b7486";
      var n = l.type.matching;
      ctx.fillText(num(n) + (n === 1 ? " event" : " events"), 14, mid + 8);
      ctx.strokeStyle = "#e3e7ee";
      ctx.beginPath();
      ctx.moveTo(0, l.y + l.h + 0.5); ctx.lineTo(width, l.y + l.h + 0.5);
      ctx.stroke();
    });
    ctx.strokeStyle = "#d5dae3";
    ctx.beginPath();
    ctx.moveTo(GUTTER + 0.5, 0); ctx.lineTo(GUTTER + 0.5, h);
    ctx.stroke();
    // marks, clipped to the plot
    ctx.save();
    ctx.beginPath();
    ctx.rect(GUTTER + 1, AXIS_H + 1, width - GUTTER - 1, h - AXIS_H);
    ctx.clip();
    var marks = [];
    L.lanes.forEach(function (l) {
      l.vis.forEach(function (item) {
        if (item.row < 0) return;
        var cy = l.y + LANE_PAD + item.row * ROW_H + ROW_H / 2;
        drawEvent(item.ev, cy);
        marks.push({ ev: item.ev, x0: item.x0, x1: item.x1, y0: cy - ROW_H / 2, y1: cy + ROW_H / 2, cy: cy, lane: l });
        if (item.label) {
          ctx.fillStyle = "#273042";
          ctx.font = "12px " + FONT;
          ctx.textBaseline = "middle";
          if (item.labelAt === "inside") {
            ctx.save();
            var left = Math.max(item.x0, GUTTER) + 8, right = Math.min(item.x1, width) - 4;
            ctx.beginPath();
            ctx.rect(left - 2, cy - ROW_H / 2, Math.max(0, right - left + 2), ROW_H);
            ctx.clip();
            ctx.fillText(labelText[item.ev.i], left, cy + 0.5);
            ctx.restore();
          } else {
            ctx.textAlign = item.labelAt === "left" ? "right" : "left";
            ctx.fillText(labelText[item.ev.i], item.labelAt === "left" ? item.x0 - 5 : item.x1 + 5, cy + 0.5);
            ctx.textAlign = "left";
          }
        }
      });
      if (l.dense) {
        var y = l.y + l.h - DENSE_H - 3, max = 1;
        Object.keys(l.dense).forEach(function (b) { max = Math.max(max, l.dense[b]); });
        Object.keys(l.dense).forEach(function (b) {
          var c = l.dense[b];
          ctx.fillStyle = rgba(l.type.colour, 0.25 + 0.6 * Math.log(1 + c) / Math.log(1 + max));
          ctx.fillRect(Number(b) * 6, y, 5, DENSE_H);
        });
      }
    });
    L.marks = marks;
    drawSelection(marks);
    ctx.restore();
  }

  function markOf(ev) {
    if (!ev || !layout) return null;
    for (var m = 0; m < layout.marks.length; m++) if (layout.marks[m].ev === ev) return layout.marks[m];
    return null;
  }

  function centreOf(m) {
    var pt = m.ev.shapes[0];
    if (pt && pt.k === "point") return xOf(pt.a);
    return Math.max(GUTTER + 4, Math.min(canvas.clientWidth - 16, (Math.max(m.x0, GUTTER) + Math.min(m.x1, canvas.clientWidth)) / 2));
  }

  function drawSelection(marks) {
    var sel = selected >= 0 ? markOf(events[selected]) : null;
    if (sel) {
      // Lines to the linked reviews (or to what the review examines), when they are on screen.
      sel.ev.reviews.forEach(function (r) {
        var other = markOf(byIri[r.iri]);
        if (!other) return;
        var x0 = centreOf(sel), y0 = sel.cy, x1 = centreOf(other), y1 = other.cy;
        ctx.strokeStyle = "rgba(29,36,51,0.55)";
        ctx.lineWidth = 1.5;
        ctx.setLineDash(r.relation === "responds to" || r.relation === "prompted" ? [5, 4] : []);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.bezierCurveTo(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, x1, y1);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = "#1d2433";
        ctx.beginPath();
        ctx.arc(x1, y1, 2.5, 0, 2 * Math.PI);
        ctx.fill();
      });
    }
    [[sel, "#111", 2], [hover >= 0 && hover !== selected ? markOf(events[hover]) : null, "#5d6677", 1.2]]
      .forEach(function (s) {
        var m = s[0];
        if (!m) return;
        ctx.strokeStyle = s[1];
        ctx.lineWidth = s[2];
        roundRect(Math.max(m.x0, GUTTER + 2) - 3, m.y0 + 1, Math.min(m.x1, canvas.clientWidth) - Math.max(m.x0, GUTTER + 2) + 6, ROW_H - 2, 5);
        ctx.stroke();
      });
    ctx.lineWidth = 1;
  }

  // ------------------------------------------------------------------ render loop
  var pending = false;
  function scheduleRender() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; render(); });
  }

  function render() {
    rescale();
    layout = computeLayout();
    draw();
    var body = document.body.dataset;
    body.drawnEvents = String(layout.drawn);
    body.markedEvents = String(layout.marked);
    body.aggregatedEvents = String(layout.dense);
    document.getElementById("zoom-level").textContent =
      "Showing " + fmtDay(view.t0) + " – " + fmtDay(view.t1) + " (" + fmtSpan(view.t1 - view.t0) + " across): " +
      num(layout.drawn) + (layout.drawn === 1 ? " event" : " events") + " in view" +
      (layout.dense ? ", " + num(layout.dense) + " of them in the shaded strips (zoom in to separate them)" : "") + ".";
    scheduleList();
  }

  // ------------------------------------------------------------------ list of events in view (accessible twin of the canvas)
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function listItem(ev, m) {
    var attrs = ' data-event-iri="' + esc(ev.iri) + '" data-type="' + esc(ev.type.name) + '"';
    if (m) attrs += ' data-x="' + Math.round(centreOf(m)) + '" data-y="' + Math.round(m.cy) + '"';
    if (ev.i === selected) attrs += ' class="selected" aria-current="true"';
    return "<li" + attrs + '><button type="button" data-index="' + ev.i + '"><span class="when">' + esc(ev.when) +
      '</span><span class="swatch" style="background:' + ev.type.colour + '"></span><span class="what">' +
      esc(ev.label) + (ev.planned ? " (planned)" : "") + '</span><span class="kind">' + esc(ev.type.label) +
      "</span></button></li>";
  }

  var listTimer = null;
  function scheduleList() {
    if (listTimer !== null) window.clearTimeout(listTimer);
    listTimer = window.setTimeout(updateList, layout && layout.drawn > 3000 ? 150 : 0);
  }

  function updateList() {
    listTimer = null;
    var marked = new Map();
    layout.marks.forEach(function (m) { marked.set(m.ev, m); });
    var inView = [];
    layout.lanes.forEach(function (l) { l.vis.forEach(function (item) { inView.push(item.ev); }); });
    inView.sort(function (a, b) { return a.i - b.i; });
    document.getElementById("event-list").innerHTML =
      inView.map(function (ev) { return listItem(ev, marked.get(ev)); }).join("");
    document.getElementById("list-count").textContent = "(" + num(inView.length) + ")";
    document.body.dataset.listEvents = String(inView.length);
  }

  function updateUndated() {
    var shown = undated.filter(function (ev) { return matching[ev.i]; });
    document.getElementById("undated-list").innerHTML = shown.map(function (ev) { return listItem(ev, null); }).join("");
    document.getElementById("undated-count").textContent = "(" + shown.length + ")";
    document.getElementById("undated-head").hidden = undated.length === 0;
  }

  // ------------------------------------------------------------------ details and tooltip
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function linkButton(text, onClick) {
    // An in-page link (not a button) so a long name wraps like the text around it.
    var a = el("a", "linkish", text);
    a.href = "#";
    a.setAttribute("role", "button");
    a.addEventListener("click", function (e) { e.preventDefault(); onClick(); });
    return a;
  }

  function showDetails(ev) {
    var box = document.getElementById("details");
    box.textContent = "";
    box.setAttribute("data-event-iri", ev.iri);
    box.appendChild(el("h2", null, ev.label));
    var meta = el("p", "meta");
    var sw = el("span", "swatch");
    sw.style.background = ev.type.colour;
    meta.appendChild(sw);
    meta.appendChild(document.createTextNode(ev.type.label));
    if (ev.planned) meta.appendChild(el("span", "badge", "planned"));
    box.appendChild(meta);
    box.appendChild(el("p", "when", ev.when));
    var extra = [];
    if (ev.exprs.length) extra.push("said as: " + ev.exprs.map(function (x) { return "“" + x + "”"; }).join(", "));
    if (ev.edtf) extra.push("EDTF " + ev.edtf);
    if (ev.places.length) extra.push("at " + ev.places.join(", "));
    if (extra.length) box.appendChild(el("p", "small", extra.join(" · ")));
    if (!matching[ev.i]) box.appendChild(el("p", "note", "Hidden from the chart by the current filters."));

    box.appendChild(el("h3", null, ev.quotes.length === 1 ? "Quote" : "Quotes (" + ev.quotes.length + ")"));
    if (!ev.quotes.length) box.appendChild(el("p", "small", "No quote recorded."));
    var quotes = el("div", "quotes");
    ev.quotes.forEach(function (q) {
      var bq = el("blockquote");
      bq.appendChild(el("p", null, "“" + q.text + "”"));
      var foot = el("footer");
      var label = q.statement.title + (q.statement.date ? ", " + q.statement.date : "");
      var target = byIri[q.statement.iri];
      if (target && target !== ev) foot.appendChild(linkButton(label, function () { select(target.i, true); }));
      else foot.appendChild(document.createTextNode(label));
      bq.appendChild(foot);
      quotes.appendChild(bq);
    });
    box.appendChild(quotes);

    if (ev.parts.length) {
      box.appendChild(el("h3", null, "Participants"));
      var ul = el("ul", "participants");
      ev.parts.forEach(function (p) {
        var li = el("li");
        li.appendChild(el("span", "role", (ROLE_NAMES[p.role] || p.role) + ": "));
        var kind = p.actor.kind;
        if (kind === "person" || kind === "organisation") {
          var b = linkButton(p.actor.label, function () {
            var select = document.getElementById(kind === "person" ? "person-filter" : "org-filter");
            select.value = p.actor.iri;
            select.dispatchEvent(new Event("change"));
          });
          b.title = "Show only events with " + p.actor.label;
          li.appendChild(b);
        } else {
          li.appendChild(document.createTextNode(p.actor.label));
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }

    if (ev.reviews.length) {
      box.appendChild(el("h3", null, "Reviews linked"));
      var rl = el("ul", "reviews");
      ev.reviews.forEach(function (r) {
        var li = el("li");
        li.setAttribute("data-review-iri", r.iri);
        li.appendChild(el("span", "role", (RELATION_NAMES[r.relation] || r.relation) + " "));
        var other = byIri[r.iri];
        if (other) {
          li.appendChild(linkButton(r.label, function () { select(other.i, true); }));
          li.appendChild(el("span", "role", " · " + other.when));
        } else {
          li.appendChild(document.createTextNode(r.label));
        }
        rl.appendChild(li);
      });
      box.appendChild(rl);
    }
    box.appendChild(el("p", "iri", ev.iri));
  }

  function showTooltip(html, x, y) {
    tooltip.innerHTML = html;
    tooltip.hidden = false;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight, cw = chart.clientWidth, ch = chart.clientHeight;
    var left = x + 14 + w > cw ? x - w - 14 : x + 14;
    var top = y + 14 + h > ch ? y - h - 10 : y + 14;
    tooltip.style.left = Math.max(4, left) + "px";
    tooltip.style.top = Math.max(4, top) + "px";
  }

  function tooltipFor(ev) {
    var q = ev.quotes[0], text = "";
    if (q) {
      var quote = q.text.length > 220 ? q.text.slice(0, 217) + "…" : q.text;
      text = '<div class="t-quote">“' + esc(quote) + "”</div><div class=\"t-meta\">" + esc(q.statement.title) +
        (q.statement.date ? ", " + esc(q.statement.date) : "") + "</div>";
    }
    return '<div class="t-label">' + esc(ev.label) + '</div><div class="t-meta">' + esc(ev.type.label) + " · " +
      esc(ev.when) + (ev.planned ? " · planned" : "") + "</div>" + text + '<div class="t-hint">Click for details</div>';
  }

  // ------------------------------------------------------------------ interaction
  function hitTest(x, y) {
    if (!layout || x < GUTTER) return null;
    var best = null, bestW = Infinity;
    for (var m = 0; m < layout.marks.length; m++) {
      var mk = layout.marks[m];
      if (y < mk.y0 || y > mk.y1 || x < mk.x0 - 2 || x > mk.x1 + 2) continue;
      var w = mk.x1 - mk.x0;
      if (w < bestW) { best = mk; bestW = w; }
    }
    if (best) return { mark: best };
    for (var l = 0; l < layout.lanes.length; l++) {
      var lane = layout.lanes[l];
      if (!lane.dense) continue;
      var top = lane.y + lane.h - DENSE_H - 5;
      if (y >= top && y <= lane.y + lane.h) {
        var bin = Math.floor(x / 6), count = 0;
        for (var b = bin - 1; b <= bin + 1; b++) count += lane.dense[b] || 0;
        if (count) return { dense: lane, count: count };
      }
    }
    return null;
  }

  function localPoint(e) {
    var r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  function select(i, reveal) {
    selected = i;
    var ev = events[i];
    showDetails(ev);
    document.body.dataset.selected = ev.iri;
    if (reveal && ev.dated && matching[i] && (ev.end < view.t0 || ev.start > view.t1)) {
      var span = view.t1 - view.t0, mid = (ev.start + ev.end) / 2;
      setView(mid - span / 2, mid + span / 2);
    }
    scheduleRender();
  }

  canvas.addEventListener("pointerdown", function (e) {
    var p = localPoint(e);
    drag = { x: p[0], t0: view.t0, t1: view.t1, moved: false, id: e.pointerId };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", function (e) {
    var p = localPoint(e);
    if (drag) {
      if (Math.abs(p[0] - drag.x) > 3) drag.moved = true;
      if (drag.moved) {
        canvas.classList.add("dragging");
        tooltip.hidden = true;
        var shift = (p[0] - drag.x) * (drag.t1 - drag.t0) / plotWidth();
        setView(drag.t0 - shift, drag.t1 - shift);
        return;
      }
    }
    var hit = hitTest(p[0], p[1]);
    var newHover = hit && hit.mark ? hit.mark.ev.i : -1;
    canvas.classList.toggle("pointing", !!hit);
    if (hit && hit.mark) showTooltip(tooltipFor(hit.mark.ev), p[0], p[1]);
    else if (hit && hit.dense) {
      showTooltip('<div class="t-label">' + hit.count + " more " + esc(hit.dense.type.label.toLowerCase()) +
        " events here</div><div class=\"t-hint\">Click or zoom in to separate them</div>", p[0], p[1]);
    } else tooltip.hidden = true;
    if (newHover !== hover) { hover = newHover; scheduleRender(); }
  });
  canvas.addEventListener("pointerup", function (e) {
    var p = localPoint(e), wasDrag = drag && drag.moved;
    if (drag) canvas.releasePointerCapture(drag.id);
    drag = null;
    canvas.classList.remove("dragging");
    if (wasDrag) return;
    var hit = hitTest(p[0], p[1]);
    if (hit && hit.mark) select(hit.mark.ev.i, false);
    else if (hit && hit.dense) zoomAt(1 / 3, dayAt(p[0]));
  });
  canvas.addEventListener("pointerleave", function () {
    tooltip.hidden = true;
    if (hover !== -1) { hover = -1; scheduleRender(); }
  });
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    var unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    var dx = e.deltaX * unit, dy = e.deltaY * unit;
    if (Math.abs(dx) > Math.abs(dy) || e.shiftKey) {
      var shift = (Math.abs(dx) > Math.abs(dy) ? dx : dy) * (view.t1 - view.t0) / plotWidth();
      setView(view.t0 + shift, view.t1 + shift);
    } else {
      var p = localPoint(e);
      zoomAt(Math.exp(dy * 0.0015), p[0] > GUTTER ? dayAt(p[0]) : (view.t0 + view.t1) / 2);
    }
  }, { passive: false });
  canvas.addEventListener("keydown", function (e) {
    var span = view.t1 - view.t0, mid = (view.t0 + view.t1) / 2;
    if (e.key === "ArrowLeft") setView(view.t0 - span * 0.15, view.t1 - span * 0.15);
    else if (e.key === "ArrowRight") setView(view.t0 + span * 0.15, view.t1 + span * 0.15);
    else if (e.key === "+" || e.key === "=") zoomAt(0.5, mid);
    else if (e.key === "-" || e.key === "_") zoomAt(2, mid);
    else if (e.key === "0" || e.key === "Home") fit();
    else if (e.key === "Escape") {
      selected = -1;
      delete document.body.dataset.selected;
      scheduleRender();
    } else return;
    e.preventDefault();
  });

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(0.5, (view.t0 + view.t1) / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(2, (view.t0 + view.t1) / 2); });
  document.getElementById("zoom-fit").addEventListener("click", fit);

  function onListClick(e) {
    var b = e.target.closest("button[data-index]");
    if (b) select(Number(b.getAttribute("data-index")), true);
  }
  document.getElementById("event-list").addEventListener("click", onListClick);
  document.getElementById("undated-list").addEventListener("click", onListClick);

  var personSelect = document.getElementById("person-filter");
  var orgSelect = document.getElementById("org-filter");
  var search = document.getElementById("search");
  var plannedOnly = document.getElementById("planned-only");
  personSelect.addEventListener("change", function () { filters.person = personSelect.value; applyFilters(); });
  orgSelect.addEventListener("change", function () { filters.org = orgSelect.value; applyFilters(); });
  var searchTimer = null;
  search.addEventListener("input", function () {
    if (searchTimer !== null) window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () {
      filters.terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      applyFilters();
    }, events.length > 2000 ? 200 : 0);
  });
  plannedOnly.addEventListener("change", function () { filters.plannedOnly = plannedOnly.checked; applyFilters(); });
  document.getElementById("reset-filters").addEventListener("click", function () {
    filters = { off: {}, person: "", org: "", terms: [], plannedOnly: false };
    personSelect.value = ""; orgSelect.value = ""; search.value = ""; plannedOnly.checked = false;
    document.querySelectorAll("#type-filters input").forEach(function (input) {
      input.checked = true;
      input.parentNode.classList.remove("off");
    });
    applyFilters();
  });
  window.addEventListener("resize", scheduleRender);

  // ------------------------------------------------------------------ start
  var nStatements = statements.length;
  document.getElementById("summary").textContent =
    num(events.length) + (events.length === 1 ? " event" : " events") + " quoted from " + num(nStatements) +
    (nStatements === 1 ? " statement" : " statements") +
    (dated.length ? ": " + num(dated.length) + " on the time axis, " + ymd(dataMin)[0] + "–" + ymd(dataMax - 1)[0] : "") +
    (undated.length ? "; " + num(undated.length) + " without a stated date (listed below the chart)" : "") + ".";
  buildTypeFilters();
  fillSelect(personSelect, personOrOrg("person"));
  fillSelect(orgSelect, personOrOrg("organisation"));
  for (var i = 0; i < events.length; i++) matching[i] = 1;
  applyFilters();
  fit();
  render();
  document.body.dataset.ready = "1";
})();
