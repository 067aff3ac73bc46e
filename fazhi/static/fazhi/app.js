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
