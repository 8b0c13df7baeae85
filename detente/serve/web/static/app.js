/* detente dashboard.
 *
 * Every page at PATH draws the JSON of /api/PATH with the same query string (the page /actors/BLR
 * shows /api/actors/BLR, /alignment?conflict=X shows /api/alignment?conflict=X), so whatever a page
 * shows a script can read too. No framework, no build step, nothing fetched from elsewhere.
 *
 * Safety: stored text (articles, titles, names, quotes) reaches the page only through text nodes,
 * textContent and setAttribute - never innerHTML - and links only to this server or to http(s).
 */
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const app = document.getElementById("app");
  const ACTIVITY_KINDS = ["meets", "praises", "accuses", "fights"];

  // ------------------------------------------------------------------ DOM helpers (safe)

  function safeHref(value) {
    const s = String(value);
    if (/^\/(?!\/)/.test(s) || /^[#?]/.test(s)) return s;
    if (/^https?:\/\//i.test(s)) return s;
    return "#";
  }

  function setAttrs(el, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) {
        if (typeof value === "function") el.addEventListener(key.slice(2), value);
      } else if (key === "class") {
        el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : String(value));
      } else if (key === "dataset") {
        for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[k] = String(v);
      } else if (key === "href") {
        el.setAttribute("href", safeHref(value));
      } else {
        el.setAttribute(key, value === true ? "" : String(value));
      }
    }
  }

  function append(el, kids) {
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }

  // el.append(...) for our children: arrays flattened, null / undefined / false left out.
  function put(el, ...kids) {
    return append(el, kids);
  }

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    return append(el, kids);
  }

  function svg(tag, attrs, ...kids) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    return append(el, kids);
  }

  function enc(value) {
    return encodeURIComponent(String(value));
  }

  function url(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const qs = q.toString();
    return qs ? path + "?" + qs : path;
  }

  function fmt(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(2);
    if (typeof value === "boolean") return value ? "yes" : "no";
    return String(value);
  }

  function actorLink(id, name) {
    if (!id) return "";
    const label = name && name !== id ? name + " (" + id + ")" : id;
    return h("a", { href: "/actors/" + enc(id), class: "actor-link" }, label);
  }

  function docLink(id, text) {
    return h("a", { href: "/documents/" + enc(id) }, text || id);
  }

  function section(title, ...kids) {
    return h("section", { class: "block" }, h("h2", {}, title), ...kids);
  }

  function muted(text) {
    return h("p", { class: "muted" }, text);
  }

  // A table: columns [{key, label, render(row) -> Node|string, num}], rows [{...}].
  function table(columns, rows, empty) {
    if (!rows || rows.length === 0) return muted(empty || "Nothing here.");
    return h("div", { class: "table-wrap" },
      h("table", {},
        h("thead", {}, h("tr", {}, columns.map(c => h("th", { class: c.num ? "num" : null },
          c.label !== undefined ? c.label : c.key)))),
        h("tbody", {}, rows.map(row => h("tr", {}, columns.map(c =>
          h("td", { class: c.num ? "num" : null }, c.render ? c.render(row) : fmt(row[c.key]))))))));
  }

  // "Showing 1-50 of 123", with previous / next links that keep the other parameters.
  function pager(page) {
    const params = new URLSearchParams(location.search);
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = Math.min(page.offset + page.items.length, page.total);
    const link = (offset, label) => {
      const p = new URLSearchParams(params);
      p.set("offset", String(Math.max(0, offset)));
      p.set("limit", String(page.limit));
      return h("a", { href: location.pathname + "?" + p.toString() }, label);
    };
    return h("p", { class: "pager" },
      "Showing " + fmt(first) + "–" + fmt(last) + " of " + fmt(page.total) + " ",
      page.offset > 0 ? link(page.offset - page.limit, "« previous") : null, " ",
      last < page.total ? link(page.offset + page.limit, "next »") : null);
  }

  // A GET form over the current page: fields [{name, label, type, placeholder, list, options}].
  function filterForm(fields, params, submitLabel) {
    return h("form", { class: "filters", method: "get", action: location.pathname },
      fields.map(f => h("label", {}, h("span", {}, f.label),
        f.options
          ? h("select", { name: f.name }, f.options.map(o =>
            h("option", { value: o, selected: (params.get(f.name) || f.value) === o }, o)))
          : h("input", { name: f.name, type: f.type || "text", value: params.get(f.name) || f.value || "",
            placeholder: f.placeholder || "", list: f.list || null, required: f.required || null,
            maxlength: "200" }))),
      h("button", { type: "submit" }, submitLabel || "Show"));
  }

  // Text with every case-insensitive occurrence of needle in <mark> (text nodes only).
  function marked(text, needle) {
    const out = [];
    const s = String(text || "");
    if (!needle) return s;
    const lower = s.toLowerCase();
    const n = needle.toLowerCase();
    let at = 0;
    for (;;) {
      const i = lower.indexOf(n, at);
      if (i < 0) break;
      out.push(s.slice(at, i), h("mark", {}, s.slice(i, i + n.length)));
      at = i + n.length;
    }
    out.push(s.slice(at));
    return out;
  }

  // ------------------------------------------------------------------ fetching

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function getJSON(path, options) {
    const response = await fetch(path, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const message = data && data.error ? data.error.message : response.statusText;
      throw new ApiError(response.status, message);
    }
    return data;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const existing = document.querySelector('script[data-src="' + src + '"]');
      if (existing && existing.dataset.loaded) return resolve();
      const el = h("script", { src: src, dataset: { src: src } });
      el.addEventListener("load", () => { el.dataset.loaded = "1"; resolve(); });
      el.addEventListener("error", () => reject(new Error("could not load " + src)));
      document.head.append(el);
    });
  }

  // ------------------------------------------------------------------ charts (inline SVG)

  // Periods as the API writes them ("2014", "2014-05", "2014-05-03", ISO week "2014-W19") as
  // [first instant, next period's first instant) in UTC milliseconds; null for "undated".
  const DAY = 864e5;
  function periodRange(p) {
    let m;
    if ((m = /^(\d{4})$/.exec(p))) return [Date.UTC(+m[1], 0, 1), Date.UTC(+m[1] + 1, 0, 1)];
    if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return [Date.UTC(+m[1], +m[2] - 1, 1), Date.UTC(+m[1], +m[2], 1)];
    if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p))) {
      const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
      return [t, t + DAY];
    }
    if ((m = /^(\d{4})-W(\d{2})$/.exec(p))) {  // week 1 is the one holding 4 January; weeks start on Monday
      const jan4 = Date.UTC(+m[1], 0, 4);
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (+m[2] - 1) * 7 * DAY;
      return [monday, monday + 7 * DAY];
    }
    return null;
  }

  const isoDay = t => new Date(t).toISOString().slice(0, 10);

  // Ticks for a time axis from t0 to t1: the first calendar step (days, months or years) giving at
  // most `most` ticks, each labelled as precisely as its step needs.
  function timeTicks(t0, t1, most) {
    const steps = [[1, "day"], [7, "day"], [1, "month"], [3, "month"], [6, "month"],
      [1, "year"], [2, "year"], [5, "year"], [10, "year"], [20, "year"], [50, "year"]];
    const lengths = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };
    const [n, unit] = steps.find(([k, u]) => (t1 - t0) / (k * lengths[u]) <= most) || steps[steps.length - 1];
    const d = new Date(t0);
    let t = unit === "year" ? Date.UTC(Math.ceil(d.getUTCFullYear() / n) * n, 0, 1)
      : unit === "month" ? Date.UTC(d.getUTCFullYear(), Math.ceil(d.getUTCMonth() / n) * n, 1)
        : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    if (t < t0) t = unit === "day" ? t + n * DAY : t;
    const ticks = [];
    while (t <= t1 && ticks.length < 60) {
      if (t >= t0) ticks.push({ t: t, label: unit === "year" ? isoDay(t).slice(0, 4) : unit === "month" ?
        isoDay(t).slice(0, 7) : isoDay(t) });
      const e = new Date(t);
      t = unit === "year" ? Date.UTC(e.getUTCFullYear() + n, 0, 1)
        : unit === "month" ? Date.UTC(e.getUTCFullYear(), e.getUTCMonth() + n, 1) : t + n * DAY;
    }
    return ticks;
  }

  // Stacked bars (positive up, negative down) on a real time axis: each period's bar stands over
  // the time it covers, so 2013-08, 2014-05 and 2023-12 lie as far apart as they are. Undated
  // counts get a slot of their own at the right. spec: {periods, series [{name, cls, values}]}.
  function timeChart(spec) {
    const periods = spec.periods;
    const series = spec.series;
    const ranges = periods.map(periodRange);
    const undated = ranges.some(r => r === null);
    const W = 760, H = spec.height || 220, left = 44, top = 12, bottom = 46;
    const right = undated ? 70 : 12;
    let max = 0, min = 0;
    periods.forEach((_, i) => {
      let up = 0, down = 0;
      for (const s of series) {
        const v = s.values[i] || 0;
        if (v >= 0) up += v; else down += v;
      }
      max = Math.max(max, up);
      min = Math.min(min, down);
    });
    if (max === 0 && min === 0) max = 1;
    const plotH = H - top - bottom;
    const y = v => top + (max - v) / (max - min) * plotH;
    const dated = ranges.filter(Boolean);
    let t0 = dated.length ? Math.min(...dated.map(r => r[0])) : 0;
    let t1 = dated.length ? Math.max(...dated.map(r => r[1])) : 1;
    const pad = (t1 - t0) * 0.02;
    t0 -= pad;
    t1 += pad;
    const x = t => left + (t - t0) / (t1 - t0) * (W - left - right);
    const g = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart time-chart", role: "img",
      "aria-label": spec.title || "chart", dataset: { from: isoDay(t0), to: isoDay(t1) } });
    if (spec.title) g.append(svg("title", {}, spec.title));
    const ticks = [min, 0, max].filter((v, i, a) => a.indexOf(v) === i);
    for (const t of ticks) {
      g.append(svg("line", { x1: left, x2: W - right, y1: y(t), y2: y(t), class: t === 0 ? "axis" : "grid" }));
      g.append(svg("text", { x: left - 6, y: y(t) + 4, class: "tick", "text-anchor": "end" }, fmt(t)));
    }
    if (dated.length) {
      for (const tick of timeTicks(t0, t1, 8)) {
        g.append(svg("line", { x1: x(tick.t), x2: x(tick.t), y1: H - bottom, y2: H - bottom + 5, class: "axis" }));
        g.append(svg("text", { x: x(tick.t), y: H - bottom + 18, class: "tick time-tick", "text-anchor": "middle",
          dataset: { t: isoDay(tick.t) } }, tick.label));
      }
    }
    periods.forEach((period, i) => {
      const r = ranges[i];
      const span = r ? x(r[1]) - x(r[0]) : 36;
      const barW = Math.max(3, span > 6 ? span * 0.8 : span);
      const mid = r ? (x(r[0]) + x(r[1])) / 2 : W - right / 2;
      let up = 0, down = 0;
      for (const s of series) {
        const v = s.values[i] || 0;
        if (!v) continue;
        const from = v >= 0 ? up : down;
        const to = from + v;
        if (v >= 0) up = to; else down = to;
        const rect = svg("rect", { x: mid - barW / 2, width: barW, y: Math.min(y(from), y(to)),
          height: Math.max(1, Math.abs(y(from) - y(to))), class: "bar " + s.cls,
          dataset: { period: period, start: r ? isoDay(r[0]) : null, end: r ? isoDay(r[1]) : null } });
        rect.append(svg("title", {}, period + " · " + s.name + ": " + fmt(v)));
        g.append(rect);
      }
      if (!r) g.append(svg("text", { x: mid, y: H - bottom + 18, class: "tick", "text-anchor": "middle" }, period));
    });
    const legend = h("p", { class: "legend" }, series.map(s =>
      h("span", {}, h("i", { class: "swatch " + s.cls }), s.name)));
    return h("figure", { class: "chart-box" }, spec.caption ? h("figcaption", {}, spec.caption) : null, g, legend);
  }

  // ------------------------------------------------------------------ pages

  function home(data) {
    document.title = "detente";
    const c = data.counts || {};
    put(app, 
      h("h1", {}, "Political news, coded"),
      h("p", { class: "stats" },
        ["documents", "actors", "events", "quotes", "stances"].map(k =>
          h("span", { class: "stat" }, h("b", {}, fmt(c[k] || 0)), " " + k))),
      h("div", { class: "columns" },
        section("Latest documents", table([
          { key: "title", label: "Document", render: r => docLink(r.id, r.title || r.id) },
          { key: "date", label: "Date" }, { key: "source", label: "Source" }], data.latest_documents),
          h("p", {}, h("a", { href: "/documents" }, "All documents »"))),
        section("Most named actors", table([
          { key: "actor", label: "Actor", render: r => actorLink(r.actor, r.name) },
          { key: "articles", label: "Articles", num: true },
          { key: "events_as_source", label: "Events (source)", num: true }], data.top_actors),
          h("p", {}, h("a", { href: "/actors" }, "All actors »")))),
      section("Conflicts with stances", table([
        { key: "conflict", label: "Conflict", render: r =>
          h("a", { href: url("/alignment", { conflict: r.conflict }) }, r.conflict) },
        { key: "actors", label: "Actors taking a stance", num: true },
        { key: "articles", label: "Articles", num: true }], data.conflicts, "No stances stored yet.")));
  }

  function documentsPage(data, params) {
    document.title = "Documents · detente";
    put(app, h("h1", {}, "Documents"),
      filterForm([{ name: "actor", label: "Naming actor" }, { name: "source", label: "Source" },
        { name: "from", label: "From", type: "date" }, { name: "to", label: "To", type: "date" }], params),
      pager(data),
      table([
        { key: "title", label: "Document", render: r => h("div", {}, docLink(r.id, r.title || r.id),
          h("div", { class: "snippet" }, r.snippet || "")) },
        { key: "date", label: "Date" }, { key: "source", label: "Source" },
        { key: "characters", label: "Characters", num: true }], data.items, "No documents."),
      pager(data));
  }

  function actorsPage(data, params) {
    document.title = "Actors · detente";
    put(app, h("h1", {}, "Actors"),
      filterForm([{ name: "q", label: "Id or name holds" }], params),
      pager(data),
      table([
        { key: "actor", label: "Actor", render: r => actorLink(r.actor, r.name) },
        { key: "type", label: "Type" },
        { key: "articles", label: "Articles", num: true }, { key: "mentions", label: "Mentions", num: true },
        { key: "events_as_source", label: "Events as source", num: true },
        { key: "events_as_target", label: "Events as target", num: true }], data.items),
      pager(data));
  }

  const EVENT_COLUMNS = [
    { key: "date", label: "Date" },
    { key: "source", label: "Source", render: r => actorLink(r.source) },
    { key: "target", label: "Target", render: r => actorLink(r.target) },
    { key: "cameo", label: "CAMEO" }, { key: "name", label: "Event" },
    { key: "quad", label: "Quad", num: true }, { key: "goldstein", label: "Goldstein", num: true },
    { key: "mentions", label: "Reports", num: true }, { key: "articles", label: "Articles", num: true },
    { key: "evidence", label: "Evidence", render: evidenceLink }];

  // The report an event was first coded from, linked to that fact in its document.
  function evidenceLink(r) {
    const ev = r.evidence;
    if (!ev) return "";
    const text = String(ev.text || ev.document);
    return h("a", { href: ev.page, class: "evidence-link", title: text, dataset: { fact: ev.fact } },
      text.length > 90 ? text.slice(0, 88) + "…" : text);
  }

  function eventsPage(data, params) {
    document.title = "Events · detente";
    put(app, h("h1", {}, "Events"),
      filterForm([{ name: "source", label: "Source" }, { name: "target", label: "Target" },
        { name: "code", label: "CAMEO code or prefix" },
        { name: "from", label: "From", type: "date" }, { name: "to", label: "To", type: "date" }], params),
      pager(data), table(EVENT_COLUMNS, data.items, "No events."), pager(data));
  }

  function quoteItem(q, inner) {
    return h("li", { class: "quote", dataset: { document: q.document, start: q.start_char, end: q.end_char } },
      h("blockquote", {}, q.text),
      h("p", { class: "attribution" }, "— ", q.speaker || "unattributed",
        q.actor ? [" (", actorLink(q.actor), ")"] : "", q.cue ? " · " + q.cue : "",
        q.document ? [" · ", docLink(q.document, q.date ? String(q.date) : q.document)] : ""),
      inner && inner.length ? h("ul", { class: "nested-quotes" }, inner) : null);
  }

  // A quotation inside another one of the same list (a phrase quoted within a quoted sentence)
  // is drawn under it, so each is shown once. Containment is by character span in the same
  // document (a quote that starts inside a longer one and lies at least 80% within it, as when
  // the inner one takes the closing full stop the outer one leaves out); for lists without spans,
  // by one text holding the other (final punctuation aside). A quote's parent is the smallest one
  // holding it; of two with the same span or text the first holds the second.
  // drawn(item, childrenNodes) -> Node; returns the top-level nodes in list order.
  function nestedQuotes(items, drawn) {
    const spanOf = q => Array.isArray(q.span) ? q.span
      : (q.start_char !== undefined && q.start_char !== null ? [q.start_char, q.end_char] : null);
    const size = q => { const sp = spanOf(q); return sp ? sp[1] - sp[0] : String(q.text || "").length; };
    const holds = (o, q, oi, qi) => {
      if ((o.document || "") !== (q.document || "")) return false;
      const so = spanOf(o), sq = spanOf(q);
      if (so && sq) {
        const within = Math.min(so[1], sq[1]) - sq[0];
        return so[0] <= sq[0] && sq[0] < so[1] && within >= 0.8 * size(q) && (size(o) > size(q) || oi < qi);
      }
      const bare = t => String(t || "").replace(/[\s.,;:!?"'“”‘’]+$/u, "");
      const a = bare(o.text), b = bare(q.text);
      return b !== "" && a.includes(b) && (a.length > b.length || oi < qi);
    };
    const parent = items.map((q, i) => {
      let best = -1;
      items.forEach((o, j) => {
        if (j !== i && holds(o, q, j, i) && (best < 0 || size(o) < size(items[best]))) best = j;
      });
      return best;
    });
    const draw = i => drawn(items[i], items.map((_, k) => k).filter(k => parent[k] === i).map(draw));
    return items.map((_, i) => i).filter(i => parent[i] < 0).map(draw);
  }

  function quotesPage(data, params) {
    document.title = "Quotes · detente";
    put(app, h("h1", {}, "Quotes"),
      filterForm([{ name: "speaker", label: "Speaker" }, { name: "actor", label: "Speaking for actor" }], params),
      pager(data),
      data.items.length ? h("ul", { class: "quotes" }, nestedQuotes(data.items, quoteItem)) : muted("No quotes."),
      pager(data));
  }

  function searchPage(data) {
    document.title = "Search: " + data.q + " · detente";
    const docs = data.documents;
    put(app, h("h1", {}, "Search: ", h("q", {}, data.q)),
      section("Actors", table([
        { key: "actor", label: "Actor", render: r => actorLink(r.actor, r.name) },
        { key: "articles", label: "Articles", num: true }], data.actors, "No actor matches.")),
      section("People", table([
        { key: "person", label: "Person", render: r => h("a", { href: url("/quotes", { speaker: r.person }) }, r.person) },
        { key: "role", label: "Role" },
        { key: "affiliation", label: "For", render: r => actorLink(r.affiliation) },
        { key: "articles", label: "Articles", num: true }], data.persons, "No person matches.")),
      section("Documents", pager(docs), table([
        { key: "title", label: "Document", render: r => h("div", {}, docLink(r.id, r.title || r.id),
          h("div", { class: "snippet" }, r.match_start > 100 ? "…" : "", marked(r.snippet, data.q), "…")) },
        { key: "date", label: "Date" }, { key: "source", label: "Source" }], docs.items, "No document matches.")));
  }

  function searchForm(params) {
    return [h("h1", {}, "Search"), filterForm([{ name: "q", label: "Words", required: true }], params, "Search")];
  }

  // ---------------------------------------------------------------- the article page

  // Facts of a coded document with the spans of their evidence. Each mark is one span of one
  // fact; ids: the fact's own id and the ids of the groups it belongs to (an actor's mentions).
  function documentFacts(doc) {
    const names = {};
    const marks = [];
    const groups = { actors: [], persons: [], quotes: [], events: [], relations: [], stances: [], conflicts: [] };
    const actors = (doc.actors || []).map(a => Object.assign({ list: "actors" }, a))
      .concat((doc.organizations || []).map(a => Object.assign({ list: "organizations" }, a)));
    actors.forEach(a => { names[a.id] = a.name; });
    const label = id => (names[id] && names[id] !== id ? names[id] + " (" + id + ")" : id);
    const add = (span, kind, ids, title, data) => {
      if (!span || span.length !== 2 || span[1] <= span[0]) return;
      marks.push({ start: span[0], end: span[1], kind: kind, ids: ids, title: title, data: data || {} });
    };
    actors.forEach((a, i) => {
      const id = "a" + i;
      const mentions = (a.spans || []).map((span, j) => {
        add(span, a.list === "organizations" ? "org" : "actor", [id + "m" + j, id], label(a.id) + " · " + a.type,
          { actor: a.id });
        return { id: id + "m" + j, span: span };
      });
      groups.actors.push({ id: id, actor: a, mentions: mentions });
    });
    (doc.persons || []).forEach((p, i) => {
      const id = "p" + i;
      const bits = [p.kb_name || p.name, p.kb_role || p.role, p.affiliation ? label(p.affiliation) : null];
      (p.spans || []).forEach(span => add(span, "person", [id], bits.filter(Boolean).join(" · "),
        { person: p.kb_name || p.name }));
      if (p.role_span) add(p.role_span, "role", [id], "role: " + (p.role || ""), {});
      groups.persons.push({ id: id, person: p });
    });
    (doc.quotes || []).forEach((q, i) => {
      const id = "q" + i;
      const spans = q.spans && q.spans.length ? q.spans : [q.span];
      const who = (q.speaker || "unattributed") + (q.speaker_actor ? " (" + q.speaker_actor + ")" : "");
      spans.forEach(span => add(span, "quote", [id], "quote by " + who, { speaker: q.speaker || "" }));
      if (q.speaker_span) add(q.speaker_span, "speaker", [id], "speaker: " + who, {});
      if (q.cue_span) add(q.cue_span, "cue", [id], "cue: " + (q.cue || ""), {});
      groups.quotes.push({ id: id, quote: q });
    });
    // Events are numbered e0, e1, ... counted ones first, as the store numbers a document's
    // reports (event_mentions.seq): /events links to "#fact=eN" rely on it.
    const events = (doc.events || []).map(e => Object.assign({ counted: true }, e))
      .concat((doc.uncounted_events || []).map(e => Object.assign({ counted: false }, e)));
    events.forEach((e, i) => {
      const id = "e" + i;
      const title = e.source + " → " + e.target + " · " + e.cameo + " " + (e.name || "");
      add(e.span, "event", [id], title, {});
      if (e.trigger_span) add(e.trigger_span, "trigger", [id], "trigger: " + (e.trigger || ""), {});
      groups.events.push({ id: id, event: e });
    });
    (doc.relations || []).forEach((r, i) => {
      const id = "r" + i;
      add(r.span, "relation", [id], r.source + " " + r.type + " " + r.target, {});
      groups.relations.push({ id: id, relation: r });
    });
    (doc.stances || []).forEach((s, i) => {
      const id = "s" + i;
      const evidence = (s.evidence || []).map((ev, j) => {
        add(ev.span, "stance", [id + "v" + j, id], s.actor + " " + s.position + " on " + s.issue, {});
        return { id: id + "v" + j, evidence: ev };
      });
      groups.stances.push({ id: id, stance: s, evidence: evidence });
    });
    (doc.conflicts || []).forEach((c, i) => {
      const id = "c" + i;
      (c.spans || []).forEach(span => add(span, "conflict", [id], c.name, {}));
      groups.conflicts.push({ id: id, conflict: c });
    });
    return { marks: marks, groups: groups, label: label, names: names };
  }

  // The text cut at every span boundary; each piece is a <span> carrying the facts covering it.
  function highlightedText(text, marks) {
    const cuts = new Set([0, text.length]);
    for (const m of marks) {
      cuts.add(Math.max(0, Math.min(text.length, m.start)));
      cuts.add(Math.max(0, Math.min(text.length, m.end)));
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const root = h("div", { id: "article-text", class: "article-text" });
    for (let k = 0; k + 1 < points.length; k++) {
      const from = points[k], to = points[k + 1];
      const piece = text.slice(from, to);
      const covering = marks.filter(m => m.start <= from && m.end >= to);
      if (covering.length === 0) {
        root.append(document.createTextNode(piece));
        continue;
      }
      const kinds = new Set(covering.map(m => m.kind));
      const ids = [];
      covering.forEach(m => m.ids.forEach(id => { if (!ids.includes(id)) ids.push(id); }));
      const titles = [];
      covering.forEach(m => { if (!titles.includes(m.title)) titles.push(m.title); });
      const data = {};
      covering.forEach(m => Object.entries(m.data).forEach(([k2, v]) => { if (!(k2 in data)) data[k2] = v; }));
      data.facts = ids.join(" ");
      root.append(h("span", {
        class: ["hl"].concat(Array.from(kinds).map(kd => "hl-" + kd)),
        title: titles.join("\n"), dataset: data,
      }, piece));
    }
    return root;
  }

  function focusFact(id, scroll) {
    document.querySelectorAll(".hl.focus").forEach(el => el.classList.remove("focus"));
    document.querySelectorAll(".fact.active").forEach(el => el.classList.remove("active"));
    const pieces = Array.from(document.querySelectorAll(".hl")).filter(el =>
      (el.dataset.facts || "").split(" ").includes(id));
    pieces.forEach(el => el.classList.add("focus"));
    document.querySelectorAll(".fact").forEach(el => { if (el.dataset.fact === id) el.classList.add("active"); });
    if (pieces.length && scroll !== false) pieces[0].scrollIntoView({ block: "center", behavior: "auto" });
    if (id !== "link") history.replaceState(null, "", "#fact=" + id);
    return pieces.length;
  }

  function factButton(id, kids, extra) {
    return h("button", Object.assign({ type: "button", class: "fact", dataset: { fact: id },
      onclick: () => focusFact(id) }, extra || {}), kids);
  }

  function articlePanel(facts) {
    const g = facts.groups;
    const label = facts.label;
    const list = (items, render) => items.length ? h("ol", { class: "facts" }, items.map(render)) : muted("None.");
    return h("aside", { class: "panel", id: "facts" },
      h("h2", {}, "Actors (" + g.actors.length + ")"),
      list(g.actors, a => h("li", { dataset: { actor: a.actor.id } },
        factButton(a.id, [h("b", {}, a.actor.name), " (" + a.actor.id + ") · " + a.actor.type +
          " · " + a.mentions.length + " mention" + (a.mentions.length === 1 ? "" : "s")]),
        " ", h("a", { href: "/actors/" + enc(a.actor.id), class: "small" }, "actor page »"),
        h("div", { class: "chips" }, a.mentions.map(m =>
          factButton(m.id, facts.text.slice(m.span[0], m.span[1]), { class: "fact chip" }))))),
      h("h2", {}, "Persons (" + g.persons.length + ")"),
      list(g.persons, p => h("li", {}, factButton(p.id, [h("b", {}, p.person.kb_name || p.person.name),
        p.person.role ? " · " + p.person.role : "", p.person.affiliation ? " · " + label(p.person.affiliation) : ""]))),
      h("h2", {}, "Quotes (" + g.quotes.length + ")"),
      g.quotes.length ? h("ol", { class: "facts" }, nestedQuotes(g.quotes.map(q => Object.assign({ fact: q.id }, q.quote)),
        (q, inner) => h("li", { class: "quote-fact", dataset: { speaker: q.speaker || "",
          start: q.span ? q.span[0] : null, end: q.span ? q.span[1] : null } },
          factButton(q.fact, [h("span", { class: "quote-text" }, "“" + q.text + "”"),
            h("span", { class: "speaker" }, " — " + (q.speaker || "unattributed") +
              (q.speaker_actor ? " (" + label(q.speaker_actor) + ")" : "") +
              (q.cue ? " · " + q.cue : "") + (q.direct ? "" : " · reported"))]),
          inner.length ? h("ol", { class: "facts nested-quotes" }, inner) : null))) : muted("None."),
      h("h2", {}, "Events (" + g.events.length + ")"),
      list(g.events, e => h("li", { class: e.event.counted ? null : "uncounted" }, factButton(e.id, [
        h("b", {}, e.event.source + " → " + e.event.target), " · " + e.event.cameo + " " + (e.event.name || ""),
        e.event.goldstein !== null && e.event.goldstein !== undefined ? " · Goldstein " + fmt(e.event.goldstein) : "",
        e.event.negated ? " · negated" : "", e.event.hypothetical ? " · hypothetical" : ""]))),
      h("h2", {}, "Relations (" + g.relations.length + ")"),
      list(g.relations, r => h("li", {}, factButton(r.id, [label(r.relation.source) + " ", h("i", {}, r.relation.type),
        " " + label(r.relation.target), r.relation.stated ? "" : " (implied)"]))),
      h("h2", {}, "Stances (" + g.stances.length + ")"),
      list(g.stances, s => h("li", {}, factButton(s.id, [h("b", {}, label(s.stance.actor)), " " + s.stance.position +
        " on " + s.stance.issue + " (" + fmt(s.stance.confidence) + ")"]),
        h("div", { class: "chips" }, s.evidence.map(v => factButton(v.id, (v.evidence.cue || "evidence") +
          (v.evidence.position ? ": " + v.evidence.position : ""), { class: "fact chip" }))))),
      h("h2", {}, "Conflicts (" + g.conflicts.length + ")"),
      list(g.conflicts, c => h("li", {}, factButton(c.id, [h("b", {}, c.conflict.name),
        (c.conflict.parties || []).length ? " · " + c.conflict.parties.join(" vs ") : ""]),
        " ", h("a", { href: url("/alignment", { conflict: c.conflict.name }), class: "small" }, "alignment »"))));
  }

  function renderArticle(doc, target) {
    const text = doc.text || "";
    const facts = documentFacts(doc);
    facts.text = text;
    const linked = /^#span=(\d+)-(\d+)$/.exec(location.hash);  // a link to one passage (from other pages)
    if (linked) facts.marks.push({ start: +linked[1], end: +linked[2], kind: "link", ids: ["link"], title: "linked passage",
      data: {} });
    const body = highlightedText(text, facts.marks);
    body.addEventListener("click", ev => {
      const piece = ev.target.closest(".hl");
      if (!piece) return;
      const ids = (piece.dataset.facts || "").split(" ");
      const button = ids.map(id => document.querySelector('.fact[data-fact="' + id + '"]')).find(Boolean);
      if (button) {
        focusFact(button.dataset.fact, false);
        button.scrollIntoView({ block: "nearest" });
      }
    });
    put(target, 
      h("div", { class: "article" },
        h("article", {},
          h("p", { class: "legend" }, ["actor", "org", "person", "quote", "event", "trigger"].map(k =>
            h("span", {}, h("i", { class: "swatch hl-" + k }), k))),
          body),
        articlePanel(facts)));
    const showLinked = () => {
      const m = /^#fact=([A-Za-z0-9]+)$/.exec(location.hash);
      if (!m) return;
      focusFact(m[1]);
      const button = document.querySelector('#facts .fact[data-fact="' + m[1] + '"]');
      const panel = document.getElementById("facts");
      if (button && panel) panel.scrollTop += button.getBoundingClientRect().top - panel.getBoundingClientRect().top -
        panel.clientHeight / 3;  // the panel's own scroll only: the text stays on the fact
    };
    showLinked();
    window.addEventListener("hashchange", showLinked);
    if (linked) focusFact("link");
  }

  function articlePage(doc) {
    document.title = (doc.title || doc.id) + " · detente";
    put(app, h("h1", {}, doc.title || doc.id),
      h("p", { class: "meta" },
        [doc.date ? "Date " + (doc.date_in_words || doc.date)
          : "Undated" + (doc.reference_date ? " (read as " + doc.reference_date + ")" : ""),
          doc.source ? "Source " + doc.source : null, "Id " + doc.id].filter(Boolean).join(" · "),
        doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : ""));
    renderArticle(doc, app);
  }

  function codePage() {
    document.title = "Code a text · detente";
    const text = h("textarea", { name: "text", rows: "10", required: true, placeholder: "Paste an English news article…" });
    const date = h("input", { name: "date", type: "date" });
    const out = h("div", { id: "coded" });
    const form = h("form", { class: "code-form" }, h("label", {}, h("span", {}, "Text"), text),
      h("label", {}, h("span", {}, "Date"), date), h("button", { type: "submit" }, "Code it"));
    form.addEventListener("submit", async ev => {
      ev.preventDefault();
      out.replaceChildren(muted("Coding…"));
      try {
        const doc = await getJSON("/api/code", { method: "POST", headers: { "Content-Type": "application/json",
          Accept: "application/json" }, body: JSON.stringify({ text: text.value, date: date.value || null }) });
        out.replaceChildren();
        renderArticle(doc, out);
      } catch (err) {
        out.replaceChildren(h("p", { class: "error" }, "Error " + (err.status || "") + ": " + err.message));
      }
    });
    put(app, h("h1", {}, "Code a text"), muted("Nothing is stored: the text goes to POST /api/code."), form, out);
  }

  // ---------------------------------------------------------------- the actor page

  function activityChart(rows, direction, caption) {
    const own = rows.filter(r => r.direction === direction);
    const periods = Array.from(new Set(rows.map(r => r.period)));
    const series = ACTIVITY_KINDS.map(kind => ({
      name: kind, cls: "k-" + kind,
      values: periods.map(p => own.filter(r => r.period === p && r.kind === kind).reduce((n, r) => n + r.events, 0)),
    }));
    return timeChart({ periods: periods, series: series, caption: caption, title: caption, height: 200 });
  }

  function actorPage(data) {
    const a = data.actor;
    document.title = (a.name || a.actor) + " · detente";
    const rows = data.activity.rows;
    const partners = {};
    for (const r of rows) {
      const p = partners[r.partner] || (partners[r.partner] = { partner: r.partner, by: {}, toward: {} });
      p[r.direction][r.kind] = (p[r.direction][r.kind] || 0) + r.events;
    }
    const partnerRows = Object.values(partners).sort((x, y) => x.partner < y.partner ? -1 : 1);
    const kindCols = dir => ACTIVITY_KINDS.map(k => ({ key: dir + k, label: (dir === "by" ? "" : "← ") + k, num: true,
      render: r => fmt(r[dir][k] || 0) }));
    const pageOf = (page, more) => [table(EVENT_COLUMNS, page.items, "None."),
      page.total > page.items.length ? h("p", {}, h("a", { href: more }, "All " + fmt(page.total) + " »")) : null];
    put(app, 
      h("h1", {}, a.name || a.actor, " ", h("span", { class: "muted" }, "(" + a.actor + ")")),
      h("p", { class: "stats" },
        h("span", { class: "stat" }, h("b", {}, a.type || a.kb_type || "")),
        h("span", { class: "stat" }, h("b", {}, fmt(a.articles)), " articles"),
        h("span", { class: "stat" }, h("b", {}, fmt(a.mentions)), " mentions"),
        a.first_date ? h("span", { class: "stat" }, String(a.first_date) + " – " + String(a.last_date)) : null,
        h("a", { href: url("/documents", { actor: a.actor }) }, "its documents »")),
      section("Meets, praises, accuses, fights — over time",
        muted("CAMEO roots: " + data.activity.kinds.map(k => k.kind + " " + k.cameo_roots.join("/")).join(", ") +
          ". De-duplicated events by month of their first report."),
        rows.length ? h("div", { class: "columns" },
          activityChart(rows, "by", "What " + a.actor + " does"),
          activityChart(rows, "toward", "What others do to " + a.actor)) : muted("No such events."),
        table([{ key: "partner", label: "Partner", render: r => actorLink(r.partner) }]
          .concat(kindCols("by"), kindCols("toward"),
            [{ key: "dyad", label: "", render: r => h("a", { href: url("/dyads", { a: a.actor, b: r.partner }) }, "dyad »") }]),
          partnerRows, "No partners.")),
      h("div", { class: "columns" },
        section("Quotes", data.quotes.length ? h("ul", { class: "quotes" }, nestedQuotes(
          data.quotes.map(q => Object.assign({}, q, { actor: null })), quoteItem)) : muted("No quotes."),
          h("p", {}, h("a", { href: url("/quotes", { actor: a.actor }) }, "All its quotes »"))),
        section("Stances", table([
          { key: "issue", label: "Issue", render: r => h("a", { href: url("/alignment", { conflict: r.issue }) }, r.issue) },
          { key: "position", label: "Position", render: r => r.in_words || r.position },
          { key: "confidence", label: "Conf.", num: true },
          { key: "document", label: "Document", render: r => docLink(r.document) },
          { key: "evidence", label: "Evidence", render: r => (r.evidence[0] || {}).text || "" }], data.stances, "No stances."))),
      h("div", { class: "columns" },
        section("Relations", table([
          { key: "source", label: "Source", render: r => actorLink(r.source) }, { key: "type", label: "Relation" },
          { key: "target", label: "Target", render: r => actorLink(r.target) },
          { key: "basis", label: "From" }, { key: "articles", label: "Articles", num: true },
          { key: "example", label: "Example" }], data.relations, "No relations.")),
        section("People", table([{ key: "person", label: "Person" }, { key: "role", label: "Role" },
          { key: "articles", label: "Articles", num: true }], data.persons, "No people."))),
      section("Events as source", pageOf(data.events_as_source, url("/events", { source: a.actor }))),
      section("Events as target", pageOf(data.events_as_target, url("/events", { target: a.actor }))),
      section("Events by partner", table([
        { key: "direction", label: "Dir." }, { key: "partner", label: "Partner", render: r => actorLink(r.partner) },
        { key: "cameo", label: "CAMEO" }, { key: "name", label: "Event" }, { key: "events", label: "Events", num: true },
        { key: "goldstein", label: "Goldstein", num: true }], data.events_by_partner, "No events.")),
      section("Mentions", table([
        { key: "text", label: "As written" }, { key: "document", label: "Document",
          render: r => h("a", { href: "/documents/" + enc(r.document) + "#span=" + r.start_char + "-" + r.end_char },
            r.title || r.document) },
        { key: "date", label: "Date" }, { key: "start_char", label: "At", num: true }], data.mentions.items, "No mentions."),
        data.mentions.total > data.mentions.items.length ?
          muted("Showing " + data.mentions.items.length + " of " + fmt(data.mentions.total) + " mentions.") : null));
  }

  // ---------------------------------------------------------------- dyads

  function dyadForm(params) {
    return [h("h1", {}, "Dyad"), muted("Cooperation and conflict between two actors, both directions, over time."),
      filterForm([{ name: "a", label: "Actor A", required: true, placeholder: "RUS" },
        { name: "b", label: "Actor B", required: true, placeholder: "UKR" },
        { name: "by", label: "Per", options: ["day", "week", "month", "year"], value: "month" },
        { name: "from", label: "From", type: "date" }, { name: "to", label: "To", type: "date" }], params)];
  }

  function dyadPage(data, params) {
    document.title = data.a.id + " – " + data.b.id + " · detente";
    const periods = data.periods;
    const cats = periods.map(p => p.period);
    const quad = ["q1_verb_coop", "q2_mat_coop", "q3_verb_confl", "q4_mat_confl"];
    const names = data.quad_classes.map(q => q.name);
    put(app, ...dyadForm(params),
      h("h2", {}, actorLink(data.a.id, data.a.name), " and ", actorLink(data.b.id, data.b.name), " by " + data.by),
      periods.length ? h("div", { class: "columns" },
        timeChart({ periods: cats, caption: "Goldstein sum (cooperation > 0 > conflict)", title: "Goldstein sum",
          series: [
            { name: "cooperative", cls: "k-coop", values: periods.map(p => Math.max(0, p.goldstein)) },
            { name: "conflictual", cls: "k-confl", values: periods.map(p => Math.min(0, p.goldstein)) }] }),
        timeChart({ periods: cats, caption: "Events by QuadClass", title: "Events by QuadClass",
          series: quad.map((k, i) => ({ name: names[i] || k, cls: "q" + (i + 1), values: periods.map(p => p[k]) })) }))
        : muted("No events between them."),
      section("Per period", table([
        { key: "period", label: "Period" }, { key: "a_to_b", label: data.a.id + " → " + data.b.id, num: true },
        { key: "b_to_a", label: data.b.id + " → " + data.a.id, num: true }, { key: "events", label: "Events", num: true }]
        .concat(quad.map((k, i) => ({ key: k, label: names[i] || k, num: true })),
          [{ key: "goldstein", label: "Goldstein", num: true }]), periods)),
      h("p", {}, h("a", { href: url("/events", { source: data.a.id, target: data.b.id }) }, "Events " + data.a.id + " → " + data.b.id + " »"),
        " ", h("a", { href: url("/events", { source: data.b.id, target: data.a.id }) }, "Events " + data.b.id + " → " + data.a.id + " »")));
  }

  // ---------------------------------------------------------------- alignment and commitments

  function conflictInput(params, extra) {
    const list = h("datalist", { id: "conflict-names" });
    getJSON("/api/conflicts").then(d => d.items.forEach(c => list.append(h("option", { value: c.name }))))
      .catch(() => null);
    return [filterForm([{ name: "conflict", label: "Conflict", list: "conflict-names", required: true,
      placeholder: "Nagorno-Karabakh" }].concat(extra || []), params), list];
  }

  function alignmentForm(params) {
    return [h("h1", {}, "Alignment"), muted("Where actors stand on a conflict, from the stances coded in the store."),
      ...conflictInput(params)];
  }

  const GROUP_X = [220, 450, 680];

  function graphElements(data) {
    const nodes = data.graph.nodes;
    const byColumn = {};
    const column = n => n.role === "party" ? (n.side === 0 ? "p0" : "p1") : "g" + n.group;
    nodes.forEach(n => { (byColumn[column(n)] = byColumn[column(n)] || []).push(n); });
    const xs = { p0: 0, g0: GROUP_X[0], g1: GROUP_X[1], g2: GROUP_X[2], p1: 900 };
    const elements = [];
    for (const [col, members] of Object.entries(byColumn)) {
      members.forEach((n, k) => {
        elements.push({ group: "nodes", data: { id: n.id, label: n.id, name: n.name || n.id, role: n.role,
          w: Math.max(n.role === "party" ? 74 : 58, 16 + 8 * n.id.length),
          cls: n.role === "party" ? "party" + n.side : "g" + n.group, leaning: n.leaning || "" },
        position: { x: xs[col], y: (k - (members.length - 1) / 2) * 95 } });
      });
    }
    data.graph.edges.forEach((e, i) => elements.push({ group: "edges", data: {
      id: "edge" + i, source: e.source, target: e.target, kind: e.kind, weight: Math.min(8, e.evidence),
      name: e.source + " → " + e.target, words: e.in_words || "" } }));
    return elements;
  }

  // The graph's look from the sides' colours the API sends (web/alignment.json, which the CLI's
  // pictures read too). The three kinds of edge differ in colour, line and end: "sides with" solid
  // with an arrow, "against" dashed with an arrow, "neutral toward" dotted with a bar.
  function graphStyle(c) {
    return [
      { selector: "node", style: { label: "data(label)", "text-valign": "center", "text-halign": "center",
        "font-size": 13, "font-weight": "bold", color: "#14213d", width: "data(w)", height: 58,
        "background-color": c.neutral, "border-width": 2, "border-color": c.neutral_border } },
      { selector: "node[cls = 'party0']", style: { "background-color": c.side0, color: "#fff",
        shape: "round-rectangle", "border-color": c.side0_border } },
      { selector: "node[cls = 'party1']", style: { "background-color": c.side1, color: "#fff",
        shape: "round-rectangle", "border-color": c.side1_border } },
      { selector: "node[cls = 'g0']", style: { "background-color": c.side0_light, "border-color": c.side0 } },
      { selector: "node[cls = 'g2']", style: { "background-color": c.side1_light, "border-color": c.side1 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#e9c46a" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 8, 2.5, 7)", "curve-style": "bezier",
        "target-arrow-shape": "triangle", opacity: 0.9, "arrow-scale": 1.2 } },
      { selector: "edge[kind = 'side']", style: { "line-color": c.edge_side, "target-arrow-color": c.edge_side } },
      { selector: "edge[kind = 'against']", style: { "line-color": c.edge_against,
        "target-arrow-color": c.edge_against, "line-style": "dashed" } },
      { selector: "edge[kind = 'neutral']", style: { "line-color": c.edge_neutral, "target-arrow-color": c.edge_neutral,
        "line-style": "dotted", "target-arrow-shape": "tee", width: "mapData(weight, 1, 8, 3.5, 8)", opacity: 1 } },
      { selector: "edge:selected", style: { "overlay-opacity": 0.15, "overlay-color": "#e9c46a" } },
    ];
  }

  // The sides' colours as CSS variables, for the legend's swatches and lines.
  function useColours(c) {
    const root = document.documentElement.style;
    for (const [k, v] of Object.entries(c || {})) if (/^#[0-9a-f]{3,8}$/i.test(v)) root.setProperty("--" + k.replace(/_/g, "-"), v);
  }

  function nodeInfo(data, id, box) {
    const row = data.actors.find(r => r.actor === id);
    const party = data.parties.find(p => p.id === id);
    box.replaceChildren(h("h3", {}, actorLink(id, row ? row.name : party ? party.name : id)));
    if (party && !row) put(box, muted("A party to the conflict (side " + (party.side + 1) + ")."));
    if (!row) return;
    put(box, h("p", {}, h("b", {}, row.leaning)), h("ul", { class: "in-words" }, row.in_words.map(w => h("li", {}, w))),
      h("p", { class: "muted" }, fmt(row.articles) + " article(s)" + (row.first ? ", " + row.first + " – " + row.last : "")),
      h("ul", { class: "evidence" }, uniqueEvidence(row.evidence).map(ev => h("li", {},
        h("q", {}, ev.text || ""), " ", h("span", { class: "muted" }, ev.cues.join(", ")), " ",
        h("a", { href: "/documents/" + enc(ev.doc) + (ev.span ? "#span=" + ev.span[0] + "-" + ev.span[1] : "") },
          ev.doc)))),
      row.evidence_total > row.evidence.length ? muted(fmt(row.evidence_total) + " pieces of evidence in all.") : null);
  }

  // One item per passage (document and text), with the cues and positions read in it.
  function uniqueEvidence(evidence) {
    const seen = new Map();
    for (const ev of evidence) {
      const key = ev.doc + "\u0000" + (ev.text || "");
      if (!seen.has(key)) seen.set(key, Object.assign({}, ev, { cues: [] }));
      const cue = [ev.cue, ev.position].filter(Boolean).join(": ");
      if (cue && !seen.get(key).cues.includes(cue)) seen.get(key).cues.push(cue);
    }
    return Array.from(seen.values());
  }

  // Without a conflict: the issues the store's stances are about, each a link to its alignment.
  function alignmentList(data, params) {
    document.title = "Alignment · detente";
    put(app, ...alignmentForm(params),
      section("Conflicts in the store", table([
        { key: "conflict", label: "Conflict", render: r =>
          h("a", { href: url("/alignment", { conflict: r.conflict }), class: "conflict-link" }, r.conflict) },
        { key: "actors", label: "Actors taking a stance", num: true },
        { key: "articles", label: "Articles", num: true },
        { key: "start", label: "Dates", render: r => r.start ? r.start + " – " + (r.end || "now") : "" }],
      data.conflicts, "No stances stored yet.")));
  }

  async function alignmentPage(data, params) {
    if (!data.conflict) return alignmentList(data, params);
    document.title = "Alignment: " + data.conflict + " · detente";
    useColours(data.colours);
    const container = h("div", { id: "graph", class: "graph", role: "img", "aria-label": "alignment graph" });
    const info = h("aside", { class: "node-info", id: "node-info" }, muted("Click an actor to see its evidence."));
    put(app, ...alignmentForm(params),
      h("h2", {}, "Alignment on the " + data.conflict),
      h("p", { class: "meta" }, "Sides: ", data.sides.length ? data.sides.map(s => s.join(", ")).join(" vs ") : "unknown",
        " · ", data.parties.filter((p, i, all) => all.findIndex(q => q.side === p.side) === i).map(p =>
          [h("a", { href: url("/commitments", { conflict: data.conflict, party: p.id }) }, "commitments to " + p.id + " »"), " "])),
      h("p", { class: "legend" },
        h("span", {}, h("i", { class: "swatch party0" }), "side 1 and those leaning to it"),
        h("span", {}, h("i", { class: "swatch g1" }), "neutral"),
        h("span", {}, h("i", { class: "swatch party1" }), "side 2 and those leaning to it"),
        h("span", {}, h("i", { class: "line side" }), "sides with"),
        h("span", {}, h("i", { class: "line against" }), "against"),
        h("span", {}, h("i", { class: "line neutral" }), "neutral toward")),
      h("div", { class: "graph-wrap" }, container, info),
      section("Actors", table([
        { key: "actor", label: "Actor", render: r => actorLink(r.actor, r.name) },
        { key: "leaning", label: "Leaning" },
        { key: "in_words", label: "Evidence", render: r => r.in_words.join("; ") },
        { key: "articles", label: "Articles", num: true }, { key: "first", label: "First" }, { key: "last", label: "Last" }],
      data.actors, "No actor took a stance on it.")));
    await loadScript("/static/vendor/cytoscape/cytoscape.min.js");
    const cy = window.cytoscape({ container: container, elements: graphElements(data), style: graphStyle(data.colours),
      layout: { name: "preset", fit: true, padding: 40 }, minZoom: 0.3, maxZoom: 3 });
    cy.on("tap", "node", ev => nodeInfo(data, ev.target.id(), info));
    cy.on("tap", "edge", ev => info.replaceChildren(h("h3", {}, ev.target.data("name")),
      h("p", {}, ev.target.data("words"))));
    container.dataset.nodes = cy.nodes().map(n => n.id()).join(" ");
    window.detente = Object.assign(window.detente || {}, { cy: cy, alignment: data });
  }

  function commitmentsForm(params) {
    return [h("h1", {}, "Commitments"), muted("Who is bound to a party by a collective-defence treaty, and what each did."),
      ...conflictInput(params, [{ name: "party", label: "Party", required: true, placeholder: "ARM" }])];
  }

  function commitmentsPage(data, params) {
    document.title = "Commitments to " + data.party + " · detente";
    put(app, ...commitmentsForm(params),
      h("h2", {}, "Commitments to " + data.party_name + " in the " + data.conflict),
      h("p", { class: "summary" }, data.summary),
      muted("Treaties in force on " + (data.date || "any date") + "."),
      table([{ key: "actor", label: "Actor", render: r => actorLink(r.actor, r.name) },
        { key: "treaty", label: "Bound by", render: r => r.treaty || "—" },
        { key: "observed", label: "Observed stance", render: r => r.observed_in_words || r.observed }, { key: "verdict", label: "Verdict" }], data.allies, "No allies."),
      h("p", {}, h("a", { href: url("/alignment", { conflict: data.conflict }) }, "Alignment on the " + data.conflict + " »")));
  }

  // ------------------------------------------------------------------ routing

  const ROUTES = [
    { re: /^\/$/, draw: home },
    { re: /^\/documents$/, draw: documentsPage },
    { re: /^\/documents\/(.+)$/, draw: articlePage },
    { re: /^\/actors$/, draw: actorsPage },
    { re: /^\/actors\/([^/]+)$/, draw: actorPage },
    { re: /^\/events$/, draw: eventsPage },
    { re: /^\/dyads$/, draw: dyadPage, needs: ["a", "b"], form: dyadForm },
    { re: /^\/alignment$/, draw: alignmentPage },
    { re: /^\/commitments$/, draw: commitmentsPage, needs: ["conflict", "party"], form: commitmentsForm },
    { re: /^\/quotes$/, draw: quotesPage },
    { re: /^\/search$/, draw: searchPage, needs: ["q"], form: searchForm },
    { re: /^\/code$/, local: codePage },
  ];

  function showError(err) {
    app.replaceChildren(h("h1", {}, err.status === 404 ? "Not found" : "Something went wrong"),
      h("p", { class: "error" }, (err.status ? "Error " + err.status + ": " : "") + err.message));
    document.body.dataset.state = "error";
  }

  async function main() {
    const path = location.pathname;
    const params = new URLSearchParams(location.search);
    const search = document.querySelector("header form.search input[name=q]");
    if (search && path === "/search") search.value = params.get("q") || "";
    const route = ROUTES.find(r => r.re.test(path));
    // (fields a form left empty are not sent: "/alignment?conflict=" is the page without a conflict)
    const given = new URLSearchParams(Array.from(params.entries()).filter(([, v]) => v !== ""));
    const apiPath = (path === "/" ? "/api" : "/api" + path) + (given.toString() ? "?" + given.toString() : "");
    try {
      if (!route) throw new ApiError(404, "no such page: " + path);
      app.replaceChildren();
      if (route.local) {
        route.local(params);
      } else if (route.needs && route.needs.some(n => !params.get(n))) {
        put(app, ...route.form(params));
      } else {
        document.getElementById("api-link").replaceChildren("This page as JSON: ", h("a", { href: apiPath }, apiPath));
        const data = await getJSON(apiPath);
        await route.draw(data, params);
      }
      document.body.dataset.state = "ready";
    } catch (err) {
      showError(err);
    }
  }

  main();
})();
