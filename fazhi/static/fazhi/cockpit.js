// 一屏观全城: draws each tile's chart with the vendored ECharts and refreshes the figures from the JSON endpoint every
// `data-refresh` seconds without reloading the page. Each bar or slice opens the records behind it.
(function () {
  "use strict";
  var root = document.getElementById("cockpit");
  if (!root) return;
  var LIGHT_COLOURS = { overdue: "#e53935", due_soon: "#f9a825", normal: "#43a047", paused: "#90a4ae", none: "#4fc3f7" };
  var charts = {};

  function option(tile) {
    var items = tile.items || [];
    var base = { animation: false, textStyle: { color: "#c9d6e3" }, tooltip: { trigger: "item" } };
    if (tile.chart === "pie") {
      items = items.filter(function (i) { return i.value > 0; });  // no slice for a zero
      if (!items.length) {
        base.title = { text: "无办理中的事项", left: "center", top: "middle", textStyle: { color: "#8fa3bb", fontSize: 14 } };
        base.series = [];
        return base;
      }
      base.series = [{
        type: "pie", radius: ["40%", "70%"], label: { color: "#c9d6e3" },
        data: items.map(function (i) {
          return { name: i.label, value: i.value, itemStyle: { color: LIGHT_COLOURS[i.code] || "#4fc3f7" } };
        })
      }];
      return base;
    }
    var shown = items.slice(0, 8).reverse();
    base.grid = { left: 8, right: 24, top: 4, bottom: 4, containLabel: true };
    base.xAxis = { type: "value", minInterval: 1, axisLabel: { color: "#8fa3bb" }, splitLine: { lineStyle: { color: "#1f3a5c" } } };
    base.yAxis = { type: "category", data: shown.map(function (i) { return i.label; }), axisLabel: { color: "#c9d6e3", width: 110, overflow: "truncate" } };
    base.series = [{ type: "bar", data: shown.map(function (i) { return i.value; }), itemStyle: { color: "#4fc3f7" }, barMaxWidth: 18 }];
    return base;
  }

  function draw(tile, el) {
    var box = el.querySelector(".tile-chart");
    if (!box || !window.echarts) return;
    var chart = charts[tile.key];
    if (!chart) {
      chart = charts[tile.key] = echarts.init(box);
      chart.on("click", function (p) {
        var t = chart.__tile, hit = (t.items || []).filter(function (i) { return i.label === p.name; })[0];
        if (hit) window.location = hit.url;
      });
    }
    chart.__tile = tile;
    chart.setOption(option(tile), true);
  }

  function text(tag, cls, value) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    e.textContent = value;
    return e;
  }

  function update(tile) {
    var el = document.getElementById("tile-" + tile.key);
    if (!el) return;
    var v = el.querySelector("[data-field=value]");
    var shown = tile.value === null || tile.value === undefined ? "—" : String(tile.value);
    if (v && v.textContent !== shown) {
      v.textContent = shown;
      el.classList.remove("updated"); void el.offsetWidth; el.classList.add("updated");
    }
    var ul = el.querySelector(".tile-items");
    if (ul) {
      ul.textContent = "";
      (tile.items || []).forEach(function (i) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = i.url;
        a.appendChild(text("span", "item-label", i.label));
        a.appendChild(text("span", "item-value", String(i.value)));
        li.appendChild(a); ul.appendChild(li);
      });
      if (!(tile.items || []).length) ul.appendChild(text("li", "tile-empty", "暂无数据"));
    }
    draw(tile, el);
  }

  function updateMap(map) {
    if (!map) return;
    (map.shapes || []).forEach(function (s) {
      var a = root.querySelector('a.district[data-code="' + s.code + '"]');
      if (!a) return;
      var shown = s.value === null || s.value === undefined ? "—" : String(s.value);
      var path = a.querySelector("path"), value = a.querySelector(".district-value");
      if (path) path.setAttribute("fill", s.fill);
      if (value) value.textContent = shown;
      a.setAttribute("aria-label", s.name + "：" + (shown === "—" ? "无数据" : shown + map.metric.unit));
      if (s.url) a.setAttribute("href", s.url); else a.removeAttribute("href");
    });
  }

  function apply(data) {
    (data.tiles || []).forEach(update);
    updateMap(data.map);
    var g = root.querySelector("[data-field=generated_at]");
    if (g && data.generated_at) g.textContent = data.generated_at;
    root.dataset.refreshed = String((Number(root.dataset.refreshed) || 0) + 1);
  }

  function poll() {
    fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(apply)
      .catch(function () { root.classList.add("stale"); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var first = JSON.parse(document.getElementById("cockpit-data").textContent);
    (first.tiles || []).forEach(function (t) { var el = document.getElementById("tile-" + t.key); if (el) draw(t, el); });
    var seconds = Math.max(5, Number(root.dataset.refresh) || 60);
    setInterval(poll, seconds * 1000);
    window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  });
})();
