// The dossier's 实施监测 section: the yearly check (GET /api/pages/plan → monitor) as a table with each status
// coloured, and per indicator a small uPlot chart (vendored, MIT) of the observations over the years against
// the target and the path from the base value to the target.
"use strict";
Object.assign(I18N.zh, { monitor: "实施监测", monitorYear: "监测年度", mIndicator: "指标", mRow: "行", mOwn: "本规划",
  mAllocation: "上级分解", mTarget: "目标", mBase: "基期", mObserved: "监测值", mPath: "进度值", mStatus: "状态",
  mSource: "来源", mConflict: "来源不一致", mSeriesObserved: "监测值", mSeriesTarget: "目标", mSeriesPath: "进度线",
  mCounties: "各县（区）最差状态", mBoundFrom: "规划未写明约束方向，推定依据：" });
Object.assign(I18N.en, { monitor: "Monitoring", monitorYear: "year", mIndicator: "Indicator", mRow: "Row", mOwn: "this plan",
  mAllocation: "higher plan's allocation", mTarget: "Target", mBase: "Base", mObserved: "Observed", mPath: "Path",
  mStatus: "Status", mSource: "Source", mConflict: "sources disagree", mSeriesObserved: "observed",
  mSeriesTarget: "target", mSeriesPath: "path", mCounties: "Worst status by county",
  mBoundFrom: "the plan prints no bound; inferred from: " });

function mNum(v, unit) { return v === null || v === undefined ? "—" : (+v.toFixed(3)) + (unit || ""); }

function statusBadge(status, colour) {
  return el("span", { class: "mstatus", style: "background:" + (colour || "#8c959f") }, status);
}

function monitorRow(r) {
  const t_ = r.target, o = r.observed, b = r.base;
  const own = r.row === "plan";
  const observed = o ? mNum(o.value, o.unit) + (o.unit !== t_.unit && r.observed_in_target_unit !== null
    ? " ≈ " + mNum(r.observed_in_target_unit, t_.unit) : "") : "—";
  return el("tr", { class: own ? "mplan" : "mallocation" },
    el("td", {}, r.indicator), el("td", {}, own ? t("mOwn") : t("mAllocation") + (r.allocated_by ? "（" + r.allocated_by + "）" : "")),
    el("td", { class: "num", title: t_.bound_from && t_.bound_from !== "stated" ? t("mBoundFrom") + t_.bound_from : "" },
      t_.bound + mNum(t_.value, t_.unit) + "（" + t_.year + "）" + (t_.bound_from && t_.bound_from !== "stated" ? "*" : "")),
    el("td", { class: "num" }, b ? mNum(b.value, b.unit) + "（" + b.year + "）" : "—"),
    el("td", { class: "num" }, observed), el("td", { class: "num" }, mNum(r.path, r.path === null ? "" : t_.unit)),
    el("td", {}, statusBadge(r.status, r.statusColour)),
    el("td", { class: "types" }, o ? o.dataset : "—", r.conflict ? el("b", { class: "mconflict" }, " · " + t("mConflict")) : null));
}

// x: the years observed, the base year and the target year; path only where the rule has one
function chartData(r) {
  const t_ = r.target, b = r.base, years = new Set(r.series.map(p => p.year));
  years.add(t_.year);
  if (b) years.add(b.year);
  const xs = [...years].sort((a, c) => a - c);
  const obs = new Map(r.series.map(p => [p.year, p.value]));
  const hasPath = b && r.branch && r.branch !== "hold" && r.base_in_target_unit !== null && t_.year > b.year;
  const path = xs.map(x => hasPath && x >= b.year && x <= t_.year
    ? r.base_in_target_unit + (t_.value - r.base_in_target_unit) * (x - b.year) / (t_.year - b.year) : null);
  return [xs, xs.map(x => obs.has(x) ? obs.get(x) : null), xs.map(() => t_.value), path];
}

function monitorChart(r) {
  const box = el("figure", { class: "mchart", "data-indicator": r.indicator },
    el("figcaption", {}, r.indicator + " ", statusBadge(r.status, r.statusColour)));
  if (typeof uPlot === "undefined" || !r.series.length) return box;
  const colour = r.statusColour || "#2f81f7";
  const opts = {
    width: 300, height: 170, legend: { show: true, live: false }, cursor: { show: false },
    scales: { x: { time: false } },
    axes: [{ values: (u, vals) => vals.map(v => Number.isInteger(v) ? String(v) : "") }, { size: 48 }],
    series: [{ label: t("monitorYear") }, { label: t("mSeriesObserved"), stroke: colour, width: 2, points: { show: true, size: 6, fill: colour }, spanGaps: true },
      { label: t("mSeriesTarget") + "（" + r.target.bound + "）", stroke: "#cf222e", width: 1, dash: [6, 4] },
      { label: t("mSeriesPath"), stroke: "#6e7781", width: 1, dash: [2, 3] }],
  };
  new uPlot(opts, chartData(r), box);
  return box;
}

function monitorPanel(m) {
  const head = el("tr", {}, ["mIndicator", "mRow", "mTarget", "mBase", "mObserved", "mPath", "mStatus", "mSource"].map(k => el("th", {}, t(k))));
  const children = [];
  if (m.rows.length) {
    children.push(el("p", { class: "types" }, t("monitorYear") + " " + m.year));
    children.push(el("table", { class: "grid monitor", id: "monitor-table" }, el("thead", {}, head), el("tbody", {}, m.rows.map(monitorRow))));
    children.push(el("div", { class: "mcharts", id: "monitor-charts" }, m.rows.filter(r => r.row === "plan").map(monitorChart)));
  }
  const counties = Object.entries(m.counties || {});
  if (counties.length) children.push(el("p", { class: "mcounties" }, t("mCounties") + "：",
    counties.map(([iri, c]) => el("span", { class: "mcounty" }, linkTo(iri, c.name), " ", statusBadge(c.status, m.colours[c.status])))));
  return panel("monitor", t("monitor") + (m.year ? "（" + m.year + "）" : ""), ...children);
}
