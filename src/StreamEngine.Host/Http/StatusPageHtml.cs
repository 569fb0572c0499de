namespace StreamEngine.Host.Http;

/// <summary>
/// The status page served at <c>/</c>: one self-contained HTML document (inline CSS and script, nothing external, so
/// it works offline) that polls <c>/api/status</c> every 2 s and computes throughput from successive counter values.
/// </summary>
internal static class StatusPageHtml
{
    public const string Document = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>StreamEngine status</title>
<link rel="icon" href="data:,">
<style>
  :root { --bg:#0f172a; --card:#1e293b; --line:#334155; --text:#e2e8f0; --dim:#94a3b8; --ok:#22c55e; --warn:#f59e0b; --bad:#ef4444; --accent:#38bdf8; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--text); }
  header { display:flex; align-items:baseline; gap:16px; padding:14px 20px; border-bottom:1px solid var(--line); }
  header h1 { margin:0; font-size:20px; }
  header .dim { color:var(--dim); }
  #state.ok { color:var(--ok); } #state.bad { color:var(--bad); }
  main { display:grid; grid-template-columns:repeat(auto-fit, minmax(420px, 1fr)); gap:14px; padding:14px 20px; }
  section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; overflow-x:auto; }
  section h2 { margin:0 0 8px; font-size:13px; text-transform:uppercase; letter-spacing:.06em; color:var(--dim); }
  .kpis { display:flex; gap:22px; flex-wrap:wrap; }
  .kpi b { display:block; font-size:24px; font-variant-numeric:tabular-nums; }
  .kpi span { color:var(--dim); font-size:12px; }
  table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; }
  th, td { text-align:right; padding:3px 6px; border-bottom:1px solid var(--line); white-space:nowrap; }
  th:first-child, td:first-child, td.l, th.l { text-align:left; }
  th { color:var(--dim); font-weight:500; font-size:12px; white-space:normal; vertical-align:bottom; }
  td.wrap { white-space:normal; overflow-wrap:anywhere; text-align:left; min-width:8em; }
  td.mono { font-family:ui-monospace, Menlo, Consolas, monospace; font-size:12px; }
  .decline { color:var(--bad); } .review { color:var(--warn); } .good { color:var(--ok); }
  .empty { color:var(--dim); font-style:italic; padding:6px 0; }
  .wide { grid-column:1 / -1; }
  .note { color:var(--dim); font-size:12px; margin:6px 0 0; }
  .span2 { grid-column:span 2; }
  @media (max-width: 900px) { .span2 { grid-column:auto; } }
</style>
</head>
<body>
<header>
  <h1>StreamEngine</h1>
  <span id="state" class="dim">connecting...</span>
  <span class="dim">updated <span id="updated">never</span></span>
</header>
<main>
  <section class="wide">
    <h2>Engine</h2>
    <div class="kpis">
      <div class="kpi"><b id="consumed">0</b><span>events consumed</span></div>
      <div class="kpi"><b id="rate">-</b><span>events/s</span></div>
      <div class="kpi"><b id="lag">0</b><span>consumer lag (messages)</span></div>
      <div class="kpi"><b id="rows">0</b><span>ClickHouse rows written</span></div>
      <div class="kpi"><b id="clickhouse">-</b><span>ClickHouse</span></div>
      <div class="kpi"><b id="uptime">0</b><span>uptime</span></div>
    </div>
  </section>
  <section class="wide">
    <h2>Pipelines</h2>
    <table id="pipelines"><thead><tr><th>pipeline</th><th class="l">inputs</th><th>events</th><th>events/s</th><th>lag</th><th>watermark (UTC)</th><th>watermark lag</th><th>late events</th><th>dead-lettered</th></tr></thead><tbody></tbody></table>
    <p class="note">Events: records of the pipeline's input topics that decoded. Lag and dead-lettered: its input topics' (a record is dead-lettered while it is decoded, before any pipeline sees it).</p>
  </section>
  <section>
    <h2>Topics</h2>
    <table id="topics"><thead><tr><th>topic</th><th>consumed</th><th>events/s</th><th>lag</th><th>dead-lettered</th><th>partitions</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Top products now</h2>
    <div class="dim" id="top-window"></div>
    <table id="top-products"><thead><tr><th>sku</th><th>views</th><th>carts</th><th>purchases</th><th>revenue</th></tr></thead><tbody></tbody></table>
  </section>
  <section class="span2">
    <h2>Recent high-risk payments</h2>
    <table id="risky"><thead><tr><th>txn</th><th class="l">user (pseudonym)</th><th>score</th><th>decision</th><th class="l">reasons</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>SKUs below reorder point</h2>
    <table id="stock"><thead><tr><th>sku</th><th class="l">warehouse</th><th>on hand</th><th>on order</th><th>reorder point</th><th>suggested</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Consumer lag per partition</h2>
    <table id="partitions"><thead><tr><th>topic</th><th>partition</th><th>position</th><th>high watermark</th><th>committed</th><th>lag</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Dead letters, outputs, fraud decisions</h2>
    <table id="counts"><thead><tr><th>kind</th><th class="l">label</th><th>count</th></tr></thead><tbody></tbody></table>
  </section>
</main>
<script>
"use strict";
const fmt = new Intl.NumberFormat("en-US");
const $ = id => document.getElementById(id);
let previous = null;

function esc(value) {
  return String(value).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
function rows(id, items, render, columns) {
  const body = $(id).tBodies[0];
  body.innerHTML = items.length === 0
    ? `<tr><td class="empty" colspan="${columns}">none yet</td></tr>`
    : items.map(item => "<tr>" + render(item).map(c => `<td${c.cls ? ` class="${c.cls}"` : ""}>${esc(c.v ?? c)}</td>`).join("") + "</tr>").join("");
}
function utc(ms) { return ms > 0 ? new Date(ms).toISOString().replace("T", " ").slice(0, 19) : "-"; }
function duration(seconds) {
  if (seconds < 90) return seconds.toFixed(0) + " s";
  if (seconds < 5400) return (seconds / 60).toFixed(1) + " min";
  return (seconds / 3600).toFixed(1) + " h";
}
function money(minor) { return fmt.format(Math.round(minor / 100)); }
function perSecond(now, before, dtMs) { return before === undefined || dtMs <= 0 ? null : Math.max(0, (now - before) * 1000 / dtMs); }

function render(s) {
  const dt = previous ? s.nowMs - previous.nowMs : 0;
  const before = previous ? Object.fromEntries(previous.topics.map(t => [t.topic, t.consumed])) : {};
  const total = perSecond(s.consumed, previous?.consumed, dt);
  $("consumed").textContent = fmt.format(s.consumed);
  $("rate").textContent = total === null ? "-" : fmt.format(Math.round(total));
  $("lag").textContent = fmt.format(s.topics.reduce((a, t) => a + t.lag, 0));
  $("rows").textContent = fmt.format(s.clickHouse.rowsWritten);
  $("clickhouse").textContent = s.clickHouse.up ? "up" : "down";
  $("clickhouse").className = s.clickHouse.up ? "good" : "decline";
  $("uptime").textContent = duration(s.uptimeSeconds);
  rows("topics", s.topics, t => {
    const r = perSecond(t.consumed, before[t.topic], dt);
    return [t.topic, fmt.format(t.consumed), r === null ? "-" : fmt.format(Math.round(r)), fmt.format(t.lag), fmt.format(t.deadLettered), t.partitions];
  }, 6);
  const processedBefore = previous ? Object.fromEntries(previous.pipelines.map(p => [p.pipeline, p.eventsProcessed])) : {};
  rows("pipelines", s.pipelines, p => {
    const r = perSecond(p.eventsProcessed, processedBefore[p.pipeline], dt);
    return [p.pipeline, { v: p.inputs.join(", "), cls: "l" }, fmt.format(p.eventsProcessed), r === null ? "-" : fmt.format(Math.round(r)), fmt.format(p.lag),
      utc(p.watermarkMs), p.watermarkMs > 0 ? duration(p.watermarkLagSeconds) : "-", fmt.format(p.lateEvents), fmt.format(p.deadLettered)];
  }, 9);
  const top = s.topProducts;
  $("top-window").textContent = top.products.length ? `event time ${utc(top.fromMs)} to ${utc(top.toMs)}` : "";
  rows("top-products", top.products, p => [p.sku, fmt.format(p.views), fmt.format(p.addToCarts), fmt.format(p.purchases), money(p.revenueMinor)], 5);
  rows("risky", s.riskyPayments, p => [{ v: p.txnId, cls: "mono" }, { v: p.userPseudonym, cls: "mono l" }, p.score.toFixed(2), { v: p.decision, cls: p.decision }, { v: p.reasons.join(", "), cls: "wrap" }], 5);
  rows("stock", s.belowReorderPoint, a => [a.sku, { v: a.warehouse, cls: "l" }, fmt.format(a.onHand), fmt.format(a.onOrder), a.reorderPoint.toFixed(1), fmt.format(a.suggestedQuantity)], 6);
  rows("partitions", s.partitions, p => [p.topic, p.partition, fmt.format(p.position), fmt.format(p.highWatermark), fmt.format(p.committed), fmt.format(p.lag)], 6);
  const counts = [
    ...s.deadLetters.map(c => ["dead letter", c]),
    ...s.outputs.map(c => ["output", c]),
    ...s.fraudDecisions.map(c => ["fraud decision", c]),
  ];
  rows("counts", counts, ([kind, c]) => [kind, { v: c.label, cls: "l" }, fmt.format(c.count)], 3);
  $("updated").textContent = new Date(s.nowMs).toISOString().slice(11, 19) + " UTC";
  previous = s;
}

async function refresh() {
  try {
    const response = await fetch("api/status", { cache: "no-store" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const status = await response.json();
    render(status);
    $("state").textContent = status.partitions.length ? "live" : "live, no partitions assigned (run finished or waiting for assignment)";
    $("state").className = "ok";
  } catch (e) {
    $("state").textContent = "engine unreachable (" + e.message + ")";
    $("state").className = "bad";
  } finally {
    setTimeout(refresh, 2000);
  }
}
refresh();
</script>
</body>
</html>
""";
}
