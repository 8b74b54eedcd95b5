// khaldun dashboard: a map, a timeline and a table of events, an event page with every source
// and its evidence, an article reader with its marks. It reads only the public JSON API of the
// server it came from; every piece of data is put in the page as text (textContent), never as
// HTML. Routes: #/?filters, #/event/ID, #/article/ID?event=ID.
"use strict";

(function () {
  const FILTERS = ["since", "until", "type", "status", "mode", "country", "admin1", "actor", "q", "min_confidence"];
  const TYPE_COLORS = {
    ASSAULT: "#d62728", COERCE: "#ff7f0e", THREATEN: "#9467bd", PROTEST: "#e377c2",
    CONSULT: "#1f77b4", AGREE: "#2ca02c", COOPERATE: "#17becf", AID: "#bcbd22",
    REQUEST: "#8c564b", ACCUSE: "#7f7f7f", REJECT: "#393b79", RETREAT: "#637939",
    MOBILIZE: "#843c39", SANCTION: "#7b4173", SUPPORT: "#3182bd", CONCEDE: "#31a354",
  };
  const RADIUS = { 1: 9, 2: 6, 3: 4 };
  const MAP_LIMIT = 500;

  const $ = (sel) => document.querySelector(sel);
  const state = { filters: {}, cursor: null, map: null, points: null, chart: null, articles: new Map() };

  // -- helpers ---------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = String(v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function safeUrl(u) {
    try {
      const url = new URL(u);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function typeColor(t) {
    if (TYPE_COLORS[t]) return TYPE_COLORS[t];
    let h = 0;
    for (const ch of String(t)) h = (h * 31 + ch.charCodeAt(0)) % 360;
    return `hsl(${h}, 55%, 45%)`;
  }

  function showError(msg) {
    const box = $("#error");
    box.textContent = msg;
    box.hidden = !msg;
  }

  async function api(path, params) {
    const qs = params ? new URLSearchParams(params).toString() : "";
    const res = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const err = body && body.error ? body.error.message : res.statusText;
      throw new Error(err);
    }
    return body;
  }

  function dateText(d) {
    if (!d || !d.start) return "";
    return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start;
  }

  function name(a) {
    return a && a.name ? a.name : "";
  }

  // -- routing ---------------------------------------------------------------------------------
  function parseHash() {
    const h = location.hash.replace(/^#/, "") || "/";
    const [path, query] = h.split("?");
    return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || "") };
  }

  function show(view) {
    for (const v of ["list", "event", "article"]) $(`#view-${v}`).hidden = v !== view;
    $("#filters").hidden = view !== "list";
  }

  async function route() {
    showError("");
    const { parts, params } = parseHash();
    try {
      if (parts[0] === "event" && parts[1]) {
        show("event");
        await renderEvent(parts[1]);
      } else if (parts[0] === "article" && parts[1]) {
        show("article");
        await renderArticle(parts[1], params.get("event"));
      } else {
        show("list");
        readFilters(params);
        await renderList();
      }
    } catch (e) {
      showError(e.message);
    }
  }

  // -- filters ---------------------------------------------------------------------------------
  function readFilters(params) {
    const f = {};
    for (const k of FILTERS) if (params.get(k)) f[k] = params.get(k);
    if (params.get("bbox")) f.bbox = params.get("bbox");
    state.filters = f;
    const form = $("#filters");
    for (const k of FILTERS) {
      const input = form.elements[k];
      if (!input) continue;
      if (input.tagName === "SELECT" && f[k] && ![...input.options].some((o) => o.value === f[k])) {
        input.append(el("option", { value: f[k], text: f[k] }));
      }
      input.value = f[k] || "";
    }
    form.elements.inview.checked = Boolean(f.bbox);
  }

  function formFilters() {
    const form = $("#filters");
    const f = {};
    for (const k of FILTERS) {
      const input = form.elements[k];
      const v = input && input.value.trim();
      if (v) f[k] = v;
    }
    if (form.elements.inview.checked && state.map) {
      const b = state.map.getBounds();
      const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
      f.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
        .map((x) => x.toFixed(4)).join(",");
    }
    return f;
  }

  function applyFilters() {
    const qs = new URLSearchParams(formFilters()).toString();
    const next = "#/" + (qs ? "?" + qs : "");
    if (location.hash === next) route();
    else location.hash = next;
  }

  // -- list view: map, timeline, table -----------------------------------------------------------
  function ensureMap() {
    if (state.map || typeof L === "undefined") return;
    const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("countries: Natural Earth via world-atlas");
    map.setView([30, 40], 4);
    state.map = map;
    state.points = L.layerGroup().addTo(map);
    fetch("/static/vendor/world-atlas/countries-50m.json")
      .then((r) => r.json())
      .then((world) => {
        const shapes = topojson.feature(world, world.objects.countries);
        L.geoJSON(shapes, { style: { color: "#8896a8", weight: 0.6, fillColor: "#f2efe6", fillOpacity: 1 }, interactive: false })
          .addTo(map).bringToBack();
      })
      .catch(() => showError("the country shapes are missing: run 'make vendor' on the server"));
  }

  async function renderList() {
    ensureMap();
    const f = state.filters;
    const [page, geo, stats] = await Promise.all([
      api("/api/events", { ...f, limit: 100 }),
      api("/api/events", { ...f, limit: MAP_LIMIT, format: "geojson" }),
      api("/api/stats", { ...f, interval: "day" }),
    ]);
    fillOptions(stats);
    drawPoints(geo, stats.total);
    drawTimeline(stats);
    drawBreakdown(stats);
    const tbody = $("#events-table tbody");
    tbody.replaceChildren();
    appendRows(page);
  }

  function fillOptions(stats) {
    for (const [id, rows, key] of [["#f-type", stats.by_type, "type"], ["#f-country", stats.by_country, "country"]]) {
      const sel = $(id);
      const current = sel.value;
      const have = new Set([...sel.options].map((o) => o.value));
      for (const r of rows) {
        const v = r[key];
        if (v && v !== "?" && !have.has(v)) {
          sel.append(el("option", { value: v, text: v }));
          have.add(v);
        }
      }
      sel.value = current;
    }
  }

  function drawPoints(geo, total) {
    if (!state.points) return;
    state.points.clearLayers();
    const types = new Set();
    for (const feat of geo.features) {
      const p = feat.properties;
      const [lon, lat] = feat.geometry.coordinates;
      types.add(p.type);
      const marker = L.circleMarker([lat, lon], {
        radius: RADIUS[p.geo_precision] || 4, color: "#222", weight: 1,
        fillColor: typeColor(p.type), fillOpacity: p.geo_precision === 1 ? 0.9 : 0.55,
      });
      const popup = el("div", { class: "popup" },
        el("strong", { text: `${p.type}${p.mode ? " (" + p.mode + ")" : ""}` }), el("br"),
        `${p.actor1 || "?"} → ${p.actor2 || "?"}`, el("br"),
        `${p.place || ""} · ${p.date_start || "undated"} · ${p.status}`, el("br"),
        el("a", { href: `#/event/${encodeURIComponent(p.id)}`, text: "open the event" }));
      marker.bindPopup(popup);
      // Leaflet takes a string as HTML: the tooltip, like the popup, is a node with text in it
      marker.bindTooltip(el("span", { text: `${p.type} · ${p.place || ""} · ${p.date_start || ""}` }));
      marker.addTo(state.points);
    }
    const legend = $("#legend");
    legend.replaceChildren(...[...types].sort().map((t) =>
      el("span", {}, el("i", { class: "swatch", style: `background:${typeColor(t)}` }), t)),
      el("span", { class: "note", text: "size: precision (large = site or town, small = province or country)" }));
    const shown = geo.features.length;
    $("#list-note").textContent = `${total} event${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}; the map shows ${shown} located event${shown === 1 ? "" : "s"}` +
      (total > MAP_LIMIT ? ` of the newest ${MAP_LIMIT}` : "") + ".";
  }

  function drawTimeline(stats) {
    $("#stats-total").textContent = `(${stats.total})`;
    if (typeof Chart === "undefined") return;
    const labels = stats.by_date.map((r) => r.date);
    const data = stats.by_date.map((r) => r.count);
    if (state.chart) state.chart.destroy();
    state.chart = new Chart($("#timeline"), {
      type: "bar",
      data: { labels, datasets: [{ label: "events", data, backgroundColor: "#1f5fbf" }] },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_evt, items) => {
          if (!items.length) return;
          const day = labels[items[0].index];
          $("#f-since").value = day;
          $("#f-until").value = day;
          applyFilters();
        },
      },
    });
  }

  function drawBreakdown(stats) {
    const box = $("#breakdown");
    const block = (title, rows, key) => el("div", {}, el("h3", { text: title }),
      el("ol", {}, ...rows.slice(0, 6).map((r) => el("li", { text: `${r[key]} ${r.count}` }))));
    box.replaceChildren(block("type", stats.by_type, "type"), block("country", stats.by_country, "country"),
      block("status", stats.by_status, "status"));
  }

  function appendRows(page) {
    const tbody = $("#events-table tbody");
    for (const e of page.events) {
      const p = e.place || {};
      const href = `#/event/${encodeURIComponent(e.id)}`;
      const tr = el("tr", { "data-event-id": e.id, "data-type": e.type, onclick: () => { location.hash = href; } },
        el("td", {}, el("a", { href, text: dateText(e.date) || "undated" })),
        el("td", {}, el("i", { class: "swatch", style: `background:${typeColor(e.type)}` }), e.type),
        el("td", { text: e.mode || "" }),
        el("td", {}, el("span", { class: "status", text: e.status })),
        el("td", { text: name(e.actor1) }),
        el("td", { text: name(e.actor2) }),
        el("td", { text: [p.name, p.country].filter(Boolean).join(", ") }),
        el("td", { text: p.precision || "" }),
        el("td", { text: (e.outlets || []).join("; ") }),
        el("td", { text: e.confidence != null ? Number(e.confidence).toFixed(2) : "" }));
      tbody.append(tr);
    }
    state.cursor = page.next_cursor;
    $("#more").hidden = !page.next_cursor;
  }

  async function loadMore() {
    if (!state.cursor) return;
    try {
      appendRows(await api("/api/events", { ...state.filters, limit: 100, cursor: state.cursor }));
    } catch (e) {
      showError(e.message);
    }
  }

  // -- event view --------------------------------------------------------------------------------
  async function article(id) {
    if (!state.articles.has(id)) state.articles.set(id, api(`/api/articles/${encodeURIComponent(id)}`));
    return state.articles.get(id);
  }

  function context(text, span, width) {
    // the evidence with the text around it, cut at whitespace (the mark without trailing blanks)
    const ev = { start: span.start, end: span.end };
    while (ev.end > ev.start && /\s/.test(text[ev.end - 1])) ev.end--;
    let a = Math.max(0, ev.start - width);
    let b = Math.min(text.length, ev.end + width);
    if (a > 0) { const s = text.indexOf(" ", a); if (s !== -1 && s < ev.start) a = s + 1; }
    if (b < text.length) { const s = text.lastIndexOf(" ", b); if (s > ev.end) b = s; }
    return el("div", { class: "context" },
      (a > 0 ? "… " : "") + text.slice(a, ev.start),
      el("mark", { class: "evidence", text: text.slice(ev.start, ev.end) }),
      text.slice(ev.end, b) + (b < text.length ? " …" : ""));
  }

  async function renderEvent(id) {
    const view = $("#view-event");
    view.replaceChildren(el("p", { class: "note", text: "loading…" }));
    const e = await api(`/api/events/${encodeURIComponent(id)}`);
    const p = e.place || {};
    const facts = el("dl", { class: "facts" });
    const fact = (k, v) => { if (v !== null && v !== undefined && v !== "") facts.append(el("dt", { text: k }), el("dd", { text: v })); };
    fact("type", `${e.type}${e.mode ? " · " + e.mode : ""}${e.acled && e.acled.event_type ? " (ACLED: " + e.acled.event_type + (e.acled.sub_event_type ? " / " + e.acled.sub_event_type : "") + ")" : ""}`);
    fact("status", `${e.status}` + (e.statuses ? " — " + Object.entries(e.statuses).map(([k, v]) => `${k} ${v}`).join(", ") : ""));
    fact("actor 1", name(e.actor1) + (e.actor1 && e.actor1.country ? ` (${e.actor1.country})` : ""));
    fact("actor 2", name(e.actor2) + (e.actor2 && e.actor2.country ? ` (${e.actor2.country})` : ""));
    fact("place", [p.name, p.admin1, p.country].filter(Boolean).join(", ") + (p.precision ? ` · precision ${p.precision}` : ""));
    if (p.lat != null) fact("coordinates", `${p.lat}, ${p.lon}`);
    fact("date", dateText(e.date) + (e.date && e.date.precision ? ` (${e.date.precision})` : ""));
    fact("attributed to", e.attributed_to ? e.attributed_to.name : "");
    fact("fatalities", e.fatalities != null ? String(e.fatalities) + (e.fatalities_range ? ` (reported ${e.fatalities_range.join("–")})` : "") : "");
    fact("confidence", e.confidence != null ? Number(e.confidence).toFixed(2) : "");
    fact("sources", `${e.n_sources} report${e.n_sources === 1 ? "" : "s"}, ${e.n_outlets} outlet${e.n_outlets === 1 ? "" : "s"}`);
    const sources = el("div", { id: "sources" });
    view.replaceChildren(
      el("p", {}, el("a", { href: "#/", text: "← all events" })),
      el("h1", { id: "event-title", text: `${e.type}: ${name(e.actor1) || "?"} → ${name(e.actor2) || "?"}` }),
      el("div", { class: "card" }, facts),
      el("h2", { text: "Sources" }), sources);
    for (const s of e.sources || []) {
      const url = safeUrl(s.url);
      const card = el("div", { class: "card source", "data-article-id": s.article_id },
        el("div", {}, el("strong", { text: s.outlet || "unknown outlet" }), " · ", s.published || "", " · ",
          el("span", { class: "status", text: s.status }),
          s.attributed_to ? ` · according to ${s.attributed_to.name}` : "", " · ",
          url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: "original" }) : "", " · ",
          el("a", { href: `#/article/${encodeURIComponent(s.article_id)}?event=${encodeURIComponent(e.id)}`, text: "read the article" })));
      sources.append(card);
      try {
        const a = await article(s.article_id);
        card.append(context(a.text, s.evidence, 260));
      } catch (err) {
        card.append(el("div", { class: "context" }, el("mark", { class: "evidence", text: s.evidence.text })));
      }
    }
  }

  // -- article view ------------------------------------------------------------------------------
  const KINDS = ["actor", "place", "date", "trigger", "framing", "evidence"];

  function segments(text, spans, current) {
    // cut the text at every span boundary; each piece carries the kinds of the spans over it
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      if (a === b) continue;
      const over = spans.filter((s) => s.start <= a && s.end >= b);
      const piece = text.slice(a, b);
      if (!over.length) { out.push(document.createTextNode(piece)); continue; }
      const kinds = [...new Set(over.map((s) => s.kind))];
      const isCurrent = current && over.some((s) => s.kind === "evidence" && s.event_id === current);
      const node = el(isCurrent ? "mark" : "span", {
        class: kinds.map((k) => "k-" + k).join(" ") + (isCurrent ? " current" : ""),
        title: over.map((s) => `${s.kind}: ${s.label || s.text}${s.neutral ? " (neutral: " + s.neutral + ")" : ""}`).join("\n"),
        text: piece,
      });
      out.push(node);
    }
    return out;
  }

  async function renderArticle(id, current) {
    const view = $("#view-article");
    view.replaceChildren(el("p", { class: "note", text: "loading…" }));
    const a = await article(id);
    const url = safeUrl(a.url);
    const body = el("div", { class: "article-text", id: "article-text" }, ...segments(a.text, a.spans, current));
    const toggles = el("div", { class: "marks" }, "Marks: ", ...KINDS.map((k) => el("label", {},
      el("input", { type: "checkbox", checked: "checked", onchange: (ev) => body.classList.toggle("hide-" + k, !ev.target.checked) }),
      el("span", { class: "k-" + k, text: k }))));
    const events = el("ul", {}, ...a.events.map((e) => el("li", {},
      el("a", { href: e.event_id ? `#/event/${encodeURIComponent(e.event_id)}` : "#/", text: `${e.type} (${e.status})` }),
      ": ", (e.evidence && e.evidence.text ? e.evidence.text.trim().slice(0, 160) : ""))));
    view.replaceChildren(
      el("p", {}, el("a", { href: current ? `#/event/${encodeURIComponent(current)}` : "#/", text: current ? "← the event" : "← all events" })),
      el("h1", { id: "article-title", text: a.title || a.id }),
      el("p", { class: "note" }, a.outlet || "unknown outlet", " · ", a.published || "undated",
        a.version && a.version > 1 ? ` · version ${a.version}` : "",
        url ? " · " : "", url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: "original" }) : ""),
      a.framing_note ? el("p", { class: "framing-note", id: "framing-note", text: a.framing_note }) : "",
      toggles, body,
      el("h2", { text: "Events in this report" }), events);
    const mark = body.querySelector("mark.current");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  // -- start -------------------------------------------------------------------------------------
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  for (const id of ["#f-type", "#f-status", "#f-country"]) $(id).addEventListener("change", applyFilters);
  $("#f-reset").addEventListener("click", () => { $("#filters").reset(); location.hash = "#/"; });
  $("#more").addEventListener("click", loadMore);
  window.addEventListener("hashchange", route);
  route();
})();
