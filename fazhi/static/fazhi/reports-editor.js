// 年度报告段落编辑：插入指标占位符、筛选指标（fazhi/reports/templates/reports/section_edit.html）
(function () {
  var area = document.querySelector("#section-form textarea");
  document.querySelectorAll("[data-insert]").forEach(function (b) {
    b.addEventListener("click", function () {
      var t = "{" + "{" + b.getAttribute("data-insert") + "}" + "}";
      var s = area.selectionStart || area.value.length, e = area.selectionEnd || s;
      area.value = area.value.slice(0, s) + t + area.value.slice(e);
      area.focus(); area.selectionStart = area.selectionEnd = s + t.length;
    });
  });
  var f = document.getElementById("metric-filter");
  f.addEventListener("input", function () {
    var q = f.value.trim();
    document.querySelectorAll("#metric-picker tbody tr").forEach(function (tr) {
      tr.hidden = q && tr.getAttribute("data-search").indexOf(q) < 0;
    });
  });
})();
