// Disable a form's submit buttons once it is submitted: a double click sends one request.
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  if (form.dataset.allowResubmit) return;
  setTimeout(function () {
    form.querySelectorAll("button[type=submit],input[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
// Render every <div class="chart" data-option='…'> with the locally served ECharts (animation off for stable tests).
function fazhiCharts(root) {
  if (!window.echarts) return;
  (root || document).querySelectorAll("div.chart[data-option]").forEach(function (el) {
    if (el.dataset.rendered) return;
    var opt = JSON.parse(el.dataset.option);
    opt.animation = false;
    fazhiIntegerAxes(opt);
    var chart = echarts.init(el);
    chart.setOption(opt);
    el.dataset.rendered = "1";
    var links = el.dataset.links ? JSON.parse(el.dataset.links) : null;
    if (links) chart.on("click", function (p) { var u = links[p.name] || links[p.dataIndex]; if (u) window.location = u; });
    window.addEventListener("resize", function () { chart.resize(); });
  });
}
document.addEventListener("DOMContentLoaded", function () { fazhiCharts(); });
document.addEventListener("htmx:afterSwap", function (ev) { fazhiCharts(ev.target); });
// Counts are whole numbers: a value axis over integer data gets integer ticks (no 0.2 … 1 when every count is 0).
function fazhiIntegerAxes(opt) {
  var series = [].concat(opt.series || []);
  var ints = series.length > 0 && series.every(function (s) {
    return (s.data || []).every(function (d) {
      var v = (d !== null && typeof d === "object") ? (Array.isArray(d) ? d[d.length - 1] : d.value) : d;
      return v === null || v === undefined || v === "-" || Number.isInteger(Number(v));
    });
  });
  if (!ints) return;
  ["xAxis", "yAxis"].forEach(function (k) {
    [].concat(opt[k] || []).forEach(function (ax) {
      if (ax && (ax.type === "value" || ax.type === undefined) && ax.minInterval === undefined) ax.minInterval = 1;
    });
  });
}
// A refused form: open the folded section that holds the first error, scroll it into view and focus its field.
document.addEventListener("DOMContentLoaded", function () {
  var err = document.querySelector(".field.has-error, .form-errors");
  if (!err) return;
  for (var p = err.parentElement; p; p = p.parentElement) { if (p.tagName === "DETAILS") p.open = true; }
  err.scrollIntoView({ block: "center" });
  var input = err.querySelector("input:not([type=hidden]), textarea, select");
  if (input && !input.matches("[type=file]")) input.focus({ preventScroll: true });
});
// Long texts (class "fold") show their first lines with 展开 / 收起.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".fold").forEach(function (el) {
    if (el.scrollHeight <= el.clientHeight + 4) { el.classList.remove("fold"); return; }
    var b = document.createElement("button");
    b.type = "button"; b.className = "link-button fold-toggle"; b.textContent = "展开";
    b.addEventListener("click", function () {
      var open = el.classList.toggle("unfolded");
      b.textContent = open ? "收起" : "展开";
    });
    el.insertAdjacentElement("afterend", b);
  });
});
// Lists read as cards on a phone (issue #11 point 8): every table with a one-row header of three or more columns
// gets class "phone-cards" and each cell the header of its column as data-label; app.css shows the rows as cards
// below 600px. A table opts out with class "no-cards"; one with a two-row header keeps scrolling sideways.
function fazhiPhoneCards(root) {
  (root || document).querySelectorAll("main table").forEach(function (table) {
    if (table.dataset.cards || table.classList.contains("no-cards") || table.classList.contains("minical")) return;
    table.dataset.cards = "1";
    var head = table.tHead;
    if (!head || head.rows.length !== 1 || head.rows[0].cells.length < 3) return;
    var labels = [];
    [].forEach.call(head.rows[0].cells, function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) labels.push(th.textContent.replace(/\s+/g, " ").trim());
    });
    [].forEach.call(table.tBodies, function (body) { label(body); });
    if (table.tFoot) label(table.tFoot);
    table.classList.add("phone-cards");
    function label(section) {
      [].forEach.call(section.rows, function (tr) {
        var col = 0;
        [].forEach.call(tr.cells, function (cell) {
          var span = cell.colSpan || 1;
          if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", span === 1 ? labels[col] || "" : "");
          col += span;
        });
      });
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { fazhiPhoneCards(); });
document.addEventListener("htmx:afterSwap", function (ev) { fazhiPhoneCards(ev.target.closest("main") || ev.target); });
