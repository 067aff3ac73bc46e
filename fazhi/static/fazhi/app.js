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
// A refused form: open the folded section that holds the first error, scroll it into view and focus its field
// (issue #11 point 2). Fields with an error carry aria-invalid and aria-describedby to it (form_fields.html, Django).
document.addEventListener("DOMContentLoaded", function () {
  var err = document.querySelector(".field.has-error, .form-errors, [aria-invalid=true]");
  if (!err) return;
  for (var p = err.parentElement; p; p = p.parentElement) { if (p.tagName === "DETAILS") p.open = true; }
  err.scrollIntoView({ block: "center" });
  var input = err.querySelector("input:not([type=hidden]), textarea, select");
  if (input && !input.matches("[type=file]")) input.focus({ preventScroll: true });
});
// Lists read as cards on a phone (issue #11 point 8). The server marks every list table "phone-cards" and labels its
// cells (fazhi/core/phone_cards.py), so a page works without JavaScript; this only labels the rows htmx swaps in
// later without their header, by the same rule: a one-row header of three or more columns, "no-cards" opts out.
function fazhiPhoneCards(root) {
  (root || document).querySelectorAll("main table").forEach(function (table) {
    if (table.classList.contains("no-cards") || table.classList.contains("minical")) return;
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
document.addEventListener("htmx:afterSwap", function (ev) { fazhiPhoneCards(ev.target.closest("main") || ev.target); });
// The unit picker (issue #11 point 12): a <select data-picker> (fazhi/orgs/widgets.py renders every unit select so)
// gets a search box; typing any part of a unit's full name, short name or alias (the option's data-search) keeps
// only the matching options and opens them as a list; Enter or ↓ moves to the list, one match is chosen at once.
// The select itself is unchanged: without JavaScript it works as a plain select.
function fazhiPickers(root) {
  (root || document).querySelectorAll("select[data-picker]").forEach(function (sel) {
    if (sel.dataset.pickerReady) return;
    sel.dataset.pickerReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.placeholder = sel.closest(".toolbar, form.inline") ? "查找单位" : "输入名称、简称或别名查找";
    box.autocomplete = "off";
    var label = sel.id && document.querySelector('label[for="' + sel.id + '"]');
    box.setAttribute("aria-label", "查找" + (label ? label.textContent.replace(/[*\s]/g, "") : "单位"));
    var note = document.createElement("small");
    note.className = "help picker-note";
    note.setAttribute("aria-live", "polite");
    sel.parentNode.insertBefore(box, sel);
    sel.insertAdjacentElement("afterend", note);
    var size = sel.getAttribute("size");
    function norm(s) { return (s || "").toLowerCase().replace(/\s+/g, ""); }
    // a name matches when the typed characters occur in it in order: 市监 finds 市市场监管局, 发改 finds 市发展改革委
    function hit(q, o) {
      return [o.textContent].concat((o.dataset.search || "").split(" ")).some(function (name) {
        var t = norm(name), at = 0;
        for (var i = 0; i < q.length; i++) { at = t.indexOf(q[i], at); if (at < 0) return false; at++; }
        return t.length > 0;
      });
    }
    function matches() { return [].filter.call(sel.options, function (o) { return !o.hidden && o.value !== ""; }); }
    function collapse() { if (size === null) sel.removeAttribute("size"); else sel.setAttribute("size", size); }
    box.addEventListener("input", function () {
      var q = norm(box.value), found = [];
      [].forEach.call(sel.options, function (o) {
        var shown = o.value === "" ? !q : !q || hit(q, o);
        o.hidden = !shown;
        if (shown && o.value !== "") found.push(o);
      });
      if (!q) { collapse(); note.textContent = ""; return; }
      if (!sel.multiple) {
        if (found.length === 1) found[0].selected = true;
        if (found.length > 1) sel.setAttribute("size", String(Math.min(found.length, 8)));
        else collapse();
      }
      note.textContent = found.length ? "找到 " + found.length + " 个" : "没有找到“" + box.value.trim() + "”";
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== "ArrowDown") return;
      ev.preventDefault();  // Enter in the search box does not submit the form
      var found = matches();
      if (!sel.multiple && found.length && (sel.selectedIndex < 0 || sel.options[sel.selectedIndex].hidden)) found[0].selected = true;
      sel.focus();
    });
    sel.addEventListener("change", function () { if (!sel.multiple) collapse(); });
  });
}
document.addEventListener("DOMContentLoaded", function () { fazhiPickers(); });
document.addEventListener("htmx:afterSwap", function (ev) { fazhiPickers(ev.target); });
