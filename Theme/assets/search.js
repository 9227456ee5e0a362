/* Site search over the index the build writes under search/ (docs.json, k/<shard>.json, t/<chunk>.json).
   Keys are split exactly as the build splits them (SearchTokenizer.swift): overlapping pairs of Han
   characters and ASCII words, full-width forms folded, letters lowercased. A hit is confirmed as a real
   substring of the page's text before it is shown. ES5, no external service. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.XMLHttpRequest || !document.createTextNode) { return; }
  var action = form.getAttribute('action') || '/search/';
  var root = action.replace(/search\/?$/, '');
  var indexURL = action.replace(/\/?$/, '/');
  var version = form.getAttribute('data-version') || '';
  var input = document.getElementById('search-q');
  var kindSelect = document.getElementById('search-kind');
  var districtSelect = document.getElementById('search-district');
  var statusSelect = document.getElementById('search-state');
  var statusLine = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var PAGE = 10;
  var EXCERPT_BEFORE = 30;
  var EXCERPT_LENGTH = 120;

  var table = null;
  var shards = {};
  var chunks = {};
  var chunkStarts = [];
  var run = 0;
  var state = null;

  function get(path, done) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', indexURL + path + '?v=' + encodeURIComponent(version), true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) { return; }
      var data = null;
      if (xhr.status === 200 || (xhr.status === 0 && xhr.responseText)) {
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      }
      done(data);
    };
    xhr.send(null);
  }

  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) { c -= 0xFEE0; }
    if (c >= 0x41 && c <= 0x5A) { c += 0x20; }
    return c;
  }
  function isHan(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
  }
  function isWord(c) { return (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39); }
  /* Same length as the text, so positions found in it are positions in the text. */
  function normalize(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) { out.push(String.fromCharCode(fold(text.charCodeAt(i)))); }
    return out.join('');
  }
  function keysOf(text) {
    var keys = [];
    var previous = 0;
    var word = '';
    function flush() {
      if (word.length > 0 && word.length <= 32) { keys.push(word); }
      word = '';
    }
    for (var i = 0; i < text.length; i++) {
      var c = fold(text.charCodeAt(i));
      if (isHan(c)) {
        flush();
        if (previous) { keys.push(String.fromCharCode(previous, c)); }
        previous = c;
      } else if (isWord(c)) {
        previous = 0;
        word += String.fromCharCode(c);
      } else {
        previous = 0;
        flush();
      }
    }
    flush();
    return keys;
  }
  /* 32-bit multiply without Math.imul (ES5). */
  function mul32(a, b) {
    var al = a & 0xffff;
    var ah = a >>> 16;
    return ((al * b) + (((ah * b) & 0xffff) << 16)) >>> 0;
  }
  function hash(key) {
    var h = 0x811C9DC5;
    for (var i = 0; i < key.length; i++) {
      h = (h ^ key.charCodeAt(i)) >>> 0;
      h = mul32(h, 0x01000193);
    }
    return h >>> 0;
  }
  function decode(deltas) {
    var ids = [];
    var id = 0;
    for (var i = 0; i < deltas.length; i++) { id += deltas[i]; ids.push(id); }
    return ids;
  }
  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }

  function setStatus(text) { statusLine.textContent = text; }

  function params() {
    var result = {};
    var query = window.location.search.replace(/^\?/, '').split('&');
    for (var i = 0; i < query.length; i++) {
      var pair = query[i].split('=');
      if (!pair[0]) { continue; }
      try { result[decodeURIComponent(pair[0])] = decodeURIComponent((pair[1] || '').replace(/\+/g, ' ')); } catch (e) { /* bad escape */ }
    }
    return result;
  }
  function select(element, value) {
    if (!element) { return; }
    for (var i = 0; i < element.options.length; i++) {
      if (element.options[i].value === value) { element.selectedIndex = i; }
    }
  }
  function value(element) { return element ? element.value : ''; }

  function start() {
    var query = input.value.replace(/^\s+|\s+$/g, '');
    var mine = ++run;
    list.innerHTML = '';
    more.hidden = true;
    if (!query) { setStatus(''); return; }
    var terms = [];
    var keys = [];
    var words = query.split(/\s+/);
    for (var i = 0; i < words.length; i++) {
      var termKeys = keysOf(words[i]);
      if (termKeys.length === 0) { continue; }
      terms.push({ text: normalize(words[i]), keys: termKeys, exact: termKeys.length === 1 && normalize(words[i]) === termKeys[0] });
      keys = keys.concat(termKeys);
    }
    if (terms.length === 0) {
      setStatus('请输入至少两个汉字，或一个完整的英文单词、数字。');
      return;
    }
    setStatus('正在搜索……');
    withTable(function () {
      if (mine !== run) { return; }
      if (!table) { setStatus('搜索索引无法读取，请稍后再试，或通过网站地图查找。'); return; }
      var needed = {};
      var wanted = [];
      for (var k = 0; k < keys.length; k++) {
        var shard = hash(keys[k]) & (table.shards - 1);
        if (!shards[shard] && !needed[shard]) { needed[shard] = true; wanted.push(shard); }
      }
      var waiting = wanted.length;
      function loaded() {
        if (mine !== run) { return; }
        for (var s = 0; s < wanted.length; s++) { if (!shards[wanted[s]]) { setStatus('搜索索引无法读取，请稍后再试。'); return; } }
        match(terms, keys, mine);
      }
      if (waiting === 0) { loaded(); return; }
      for (var w = 0; w < wanted.length; w++) {
        (function (shard) {
          get('k/' + shard + '.json', function (data) {
            shards[shard] = data;
            waiting -= 1;
            if (waiting === 0) { loaded(); }
          });
        })(wanted[w]);
      }
    });
  }

  function withTable(done) {
    if (table) { done(); return; }
    get('docs.json', function (data) {
      table = data;
      if (table) {
        var start = 0;
        for (var i = 0; i < table.chunks.length; i++) {
          chunkStarts.push(start);
          start += code(table.chunks.charAt(i));
        }
      }
      done();
    });
  }
  var ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  function code(ch) { return ALPHABET.indexOf(ch); }

  function match(terms, keys, mine) {
    var all = null;
    var title = null;
    for (var k = 0; k < keys.length; k++) {
      var entry = shards[hash(keys[k]) & (table.shards - 1)][keys[k]];
      if (!entry) { all = []; title = []; break; }
      var ids = decode(entry[0]);
      var titleIds = decode(entry[1]);
      all = all === null ? ids : intersect(all, ids);
      title = title === null ? titleIds : intersect(title, titleIds);
    }
    var kind = value(kindSelect);
    var district = value(districtSelect);
    var status = value(statusSelect);
    var kindCode = kind ? ALPHABET.charAt(indexOf(table.kinds, kind)) : '';
    var districtCode = district ? ALPHABET.charAt(indexOf(table.districts, district) + 1) : '';
    var statusCode = status ? ALPHABET.charAt(indexOf(table.statuses, status) + 1) : '';
    function keep(id) {
      var record = table.docs.substr(id * 3, 3);
      return (!kindCode || record.charAt(0) === kindCode) && (!districtCode || record.charAt(1) === districtCode) &&
        (!statusCode || record.charAt(2) === statusCode);
    }
    var first = [];
    var rest = [];
    var inTitle = {};
    for (var t = 0; t < title.length; t++) { inTitle[title[t]] = true; }
    for (var a = 0; a < all.length; a++) {
      if (!keep(all[a])) { continue; }
      (inTitle[all[a]] ? first : rest).push(all[a]);
    }
    var exact = true;
    for (var e = 0; e < terms.length; e++) { exact = exact && terms[e].exact; }
    state = { terms: terms, queue: first.concat(rest), position: 0, shown: 0, rejected: 0, exact: exact, run: mine };
    if (state.queue.length === 0) { setStatus('没有找到包含“' + input.value + '”的内容。'); return; }
    showMore();
  }
  function indexOf(array, item) {
    for (var i = 0; i < array.length; i++) { if (array[i] === item) { return i; } }
    return -1;
  }

  function chunkOf(id) {
    var low = 0;
    var high = chunkStarts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (chunkStarts[mid] <= id) { low = mid; } else { high = mid - 1; }
    }
    return low;
  }

  /* Confirms and shows the next PAGE results, fetching the text chunks they are in. */
  function showMore() {
    var current = state;
    var batch = current.queue.slice(current.position, current.position + PAGE);
    if (batch.length === 0) { finish(current); return; }
    var needed = [];
    var seen = {};
    for (var i = 0; i < batch.length; i++) {
      var c = chunkOf(batch[i]);
      if (!chunks[c] && !seen[c]) { seen[c] = true; needed.push(c); }
    }
    var waiting = needed.length;
    function loaded() {
      if (current.run !== run) { return; }
      var added = 0;
      for (var b = 0; b < batch.length; b++) {
        var id = batch[b];
        var chunk = chunks[chunkOf(id)];
        var doc = chunk && chunk[id - chunkStarts[chunkOf(id)]];
        current.position += 1;
        if (!doc || !confirm(doc, current.terms)) { current.rejected += 1; continue; }
        list.appendChild(render(id, doc, current.terms));
        current.shown += 1;
        added += 1;
      }
      if (added < PAGE && current.position < current.queue.length) { showMore(); return; }
      finish(current);
    }
    if (waiting === 0) { loaded(); return; }
    for (var n = 0; n < needed.length; n++) {
      (function (c) {
        get('t/' + c + '.json', function (data) {
          chunks[c] = data;
          waiting -= 1;
          if (waiting === 0) { loaded(); }
        });
      })(needed[n]);
    }
  }

  function finish(current) {
    var done = current.position >= current.queue.length;
    var total = current.queue.length - current.rejected;
    if (current.shown === 0 && done) {
      setStatus('没有找到包含“' + input.value + '”的内容。');
    } else if (done || current.exact) {
      setStatus('找到 ' + total + ' 条结果，显示 ' + current.shown + ' 条。');
    } else {
      setStatus('找到约 ' + total + ' 条结果，显示 ' + current.shown + ' 条。');
    }
    more.hidden = done;
  }

  function confirm(doc, terms) {
    var text = normalize(doc[0] + ' ' + doc[3]);
    for (var i = 0; i < terms.length; i++) { if (text.indexOf(terms[i].text) < 0) { return false; } }
    return true;
  }

  /* Appends `text` to `parent` with every occurrence of the terms in <mark>. */
  function highlight(parent, text, terms) {
    var folded = normalize(text);
    var position = 0;
    while (position < text.length) {
      var best = -1;
      var length = 0;
      for (var i = 0; i < terms.length; i++) {
        var at = folded.indexOf(terms[i].text, position);
        if (at >= 0 && (best < 0 || at < best)) { best = at; length = terms[i].text.length; }
      }
      if (best < 0) { break; }
      if (best > position) { parent.appendChild(document.createTextNode(text.substring(position, best))); }
      var mark = document.createElement('mark');
      mark.appendChild(document.createTextNode(text.substr(best, length)));
      parent.appendChild(mark);
      position = best + length;
    }
    if (position < text.length) { parent.appendChild(document.createTextNode(text.substring(position))); }
  }

  function excerpt(text, terms) {
    var folded = normalize(text);
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) { at = folded.indexOf(terms[i].text); }
    var begin = Math.max(0, at - EXCERPT_BEFORE);
    var cut = text.substr(begin, EXCERPT_LENGTH);
    return (begin > 0 ? '…' : '') + cut + (begin + EXCERPT_LENGTH < text.length ? '…' : '');
  }

  function render(id, doc, terms) {
    var item = document.createElement('li');
    item.className = 'search-result';
    var heading = document.createElement('h2');
    var link = document.createElement('a');
    link.href = root + doc[1].replace(/^\//, '');
    highlight(link, doc[0], terms);
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = document.createElement('p');
    meta.className = 'meta';
    var record = table.docs.substr(id * 3, 3);
    var kind = document.createElement('span');
    kind.className = 'kind-label';
    kind.appendChild(document.createTextNode(table.kinds[code(record.charAt(0))] || ''));
    meta.appendChild(kind);
    if (doc[2]) {
      var time = document.createElement('time');
      time.setAttribute('datetime', doc[2]);
      time.appendChild(document.createTextNode(doc[2]));
      meta.appendChild(time);
    }
    var district = table.districts[code(record.charAt(1)) - 1];
    var status = table.statuses[code(record.charAt(2)) - 1];
    if (district) { meta.appendChild(span(district)); }
    if (status) { meta.appendChild(span(status)); }
    item.appendChild(meta);
    var text = document.createElement('p');
    text.className = 'excerpt';
    highlight(text, excerpt(doc[3], terms), terms);
    item.appendChild(text);
    return item;
  }
  function span(text) {
    var element = document.createElement('span');
    element.appendChild(document.createTextNode(text));
    return element;
  }

  function search() {
    start();
    if (window.history && window.history.replaceState) {
      var query = '?q=' + encodeURIComponent(input.value);
      if (value(kindSelect)) { query += '&kind=' + encodeURIComponent(value(kindSelect)); }
      if (value(districtSelect)) { query += '&district=' + encodeURIComponent(value(districtSelect)); }
      if (value(statusSelect)) { query += '&status=' + encodeURIComponent(value(statusSelect)); }
      window.history.replaceState(null, '', query);
    }
  }

  form.onsubmit = function () { search(); return false; };
  more.onclick = function () { if (state) { showMore(); } };
  var initial = params();
  input.value = initial.q || '';
  select(kindSelect, initial.kind || '');
  select(districtSelect, initial.district || '');
  select(statusSelect, initial.status || '');
  if (input.value) { start(); }
})();
