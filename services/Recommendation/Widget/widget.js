// ContentPipeline widget: <script src="https://HOST/widget.js" data-article-id="ID" async></script>
// Renders "Có thể bạn quan tâm", "Nên xem" and "Tin khác" in a Shadow DOM next to the script tag.
// Data is only ever written as text (textContent) and checked attributes, never parsed as markup.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src, location.href).origin;
  var articleId = script.getAttribute("data-article-id") || "";
  var size = parseInt(script.getAttribute("data-size") || "5", 10);
  var titles = {
    related: script.getAttribute("data-title-related") || "Có thể bạn quan tâm",
    featured: script.getAttribute("data-title-featured") || "Nên xem",
    more: script.getAttribute("data-title-more") || "Tin khác"
  };
  var target = script.getAttribute("data-target") && document.getElementById(script.getAttribute("data-target"));
  var host = target || document.createElement("div");
  if (!target) script.parentNode.insertBefore(host, script.nextSibling);
  host.setAttribute("data-contentpipeline", "");
  var root = host.attachShadow({ mode: "open" });

  var style = document.createElement("style");
  style.textContent =
    ":host{display:block;font:15px/1.45 system-ui,sans-serif;color:#222}" +
    "section{margin:1em 0}h2{font-size:1.1em;margin:0 0 .5em;border-bottom:2px solid #c00;padding-bottom:.2em}" +
    "ul{list-style:none;margin:0;padding:0}li{margin:.5em 0}a{color:#0b3d91;text-decoration:none;font-weight:600}" +
    "a:hover{text-decoration:underline}p{margin:.2em 0 0;color:#555;font-size:.9em}" +
    "button{margin-top:.5em;padding:.3em 1em;cursor:pointer}";
  root.appendChild(style);

  var shown = {};
  if (articleId) shown[articleId] = true;
  var pending = [];

  // An anonymous reader id, first-party to the embedding site: trending counts readers, not requests.
  var readerId = (function () {
    var key = "contentpipeline-reader";
    try {
      var id = localStorage.getItem(key);
      if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
        var bytes = crypto.getRandomValues(new Uint8Array(16));
        id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
        localStorage.setItem(key, id);
      }
      return id;
    } catch (e) { return null; }
  })();

  // fetch without credentials (no cookies exist to send), kept alive past the page's end: the service answers the
  // embedding origin's preflight when that origin is in Widget:AllowedOrigins.
  function send(events) {
    fetch(base + "/api/events", {
      method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit", keepalive: true,
      body: JSON.stringify({ readerId: readerId, events: events })
    }).catch(function () { /* a lost event is not worth an error on the reader's page */ });
  }
  function flush() { if (pending.length) { send(pending); pending = []; } }
  setInterval(flush, 5000);
  addEventListener("pagehide", flush);

  function get(path) {
    return fetch(base + path).then(function (r) { return r.ok ? r.json() : { items: [] }; });
  }

  function block(name) {
    var section = document.createElement("section");
    section.setAttribute("data-block", name);
    var h = document.createElement("h2");
    h.textContent = titles[name];
    var list = document.createElement("ul");
    section.appendChild(h);
    section.appendChild(list);
    root.appendChild(section);
    return { section: section, list: list };
  }

  function render(name, target, items) {
    items.forEach(function (item) {
      if (shown[item.id]) return;
      shown[item.id] = true;
      var position = target.list.children.length + 1;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.textContent = item.title;
      if (item.url && /^https?:/i.test(item.url)) a.href = item.url;
      a.addEventListener("click", function () { send([{ type: "click", articleId: item.id, block: name, position: position }]); });
      li.appendChild(a);
      if (item.lead) {
        var p = document.createElement("p");
        p.textContent = item.lead;
        li.appendChild(p);
      }
      target.list.appendChild(li);
      pending.push({ type: "impression", articleId: item.id, block: name, position: position });
    });
  }

  function load() {
    if (articleId) send([{ type: "view", articleId: articleId }]);
    var related = articleId ? get("/api/recommendations/" + encodeURIComponent(articleId) + "/related?size=" + size) : Promise.resolve({ items: [] });
    related.then(function (r) {
      if (r.items.length) render("related", block("related"), r.items);
      return get("/api/feeds/featured?size=" + size);
    }).then(function (f) {
      if (f.items.length) render("featured", block("featured"), f.items);
      var more = block("more");
      var button = document.createElement("button");
      button.textContent = "Xem thêm";
      var cursor = null;
      function page() {
        var q = "/api/feeds/more?size=" + size + (articleId ? "&articleId=" + encodeURIComponent(articleId) : "") +
          "&exclude=" + encodeURIComponent(Object.keys(shown).join(",")) + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
        return get(q).then(function (m) {
          render("more", more, m.items);
          cursor = m.nextCursor;
          button.hidden = !cursor;
        });
      }
      button.addEventListener("click", page);
      more.section.appendChild(button);
      return page();
    }).catch(function () { /* the page works without the widget */ });
  }

  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); load(); }
    }, { rootMargin: "400px" });
    seen.observe(host);
  } else {
    load();
  }
})();
