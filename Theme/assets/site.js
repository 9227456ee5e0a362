/* 长者模式 (large text, high contrast) remembered across pages, and the article tools
   【字号 大 中 小】【打印】. ES5; every page works without it. */
(function () {
  var root = document.documentElement;
  var KEY = 'campaignpress-elder';
  var elder = false;
  try { elder = window.localStorage.getItem(KEY) === '1'; } catch (e) { elder = false; }
  function apply(on) {
    root.className = root.className.replace(/(^|\s)elder(?=\s|$)/g, '') + (on ? ' elder' : '');
  }
  apply(elder);
  function ready() {
    var toggle = document.getElementById('elder-toggle');
    if (toggle) {
      toggle.hidden = false;
      toggle.setAttribute('aria-pressed', elder ? 'true' : 'false');
      toggle.onclick = function () {
        elder = !elder;
        apply(elder);
        toggle.setAttribute('aria-pressed', elder ? 'true' : 'false');
        try { window.localStorage.setItem(KEY, elder ? '1' : '0'); } catch (e) { /* private mode */ }
      };
    }
    var tools = document.querySelectorAll ? document.querySelectorAll('.article-tools') : [];
    for (var t = 0; t < tools.length; t++) { setUp(tools[t]); }
  }
  function setUp(tools) {
    var article = tools.parentNode;
    while (article && !/(^|\s)article(\s|$)/.test(article.className)) { article = article.parentNode; }
    var buttons = tools.getElementsByTagName('button');
    function choose(size) {
      if (article) { article.className = article.className.replace(/(^|\s)font-[slm](?=\s|$)/g, '') + ' font-' + size; }
      for (var i = 0; i < buttons.length; i++) {
        var s = buttons[i].getAttribute('data-font');
        if (s) { buttons[i].setAttribute('aria-pressed', s === size ? 'true' : 'false'); }
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var size = button.getAttribute('data-font');
        button.onclick = size ? function () { choose(size); } : function () { window.print(); };
      })(buttons[i]);
    }
    tools.hidden = false;
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
