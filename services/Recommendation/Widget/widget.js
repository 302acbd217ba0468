// ContentPipeline widget: <script src="https://HOST/widget.js" data-article-id="ID" async></script>
// Renders "Có thể bạn quan tâm", "Nên xem" and "Tin khác" from one request (/api/blocks/{id}) in a Shadow DOM next to
// the script tag (or in data-target). Options: data-size, data-layout="list|grid", data-theme="auto|light|dark",
// data-title-related|featured|more, data-link="/news/{id}" (where items link when not to their own url); colours and
// font through the --cp-* custom properties (see widget.css).
// Data is only ever written as text and checked attributes, never parsed as markup; no inline style or eval, so a page
// with a strict Content-Security-Policy can embed it; nothing is left on window.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var articleId = data.articleId || "";
  var size = Math.min(Math.max(parseInt(data.size, 10) || 5, 1), 20);
  var titles = { related: data.titleRelated || "Có thể bạn quan tâm", featured: data.titleFeatured || "Nên xem", more: data.titleMore || "Tin khác" };
  var host = (data.target && document.getElementById(data.target)) || document.createElement("div");
  if (!host.parentNode) script.parentNode.insertBefore(host, script.nextSibling);
  host.setAttribute("data-contentpipeline", "");
  host.setAttribute("data-layout", data.layout === "grid" ? "grid" : "list");
  host.setAttribute("data-theme", /^(light|dark)$/.test(data.theme) ? data.theme : "auto");
  var root = host.attachShadow({ mode: "open" });
  var css = __WIDGET_CSS__;
  // A constructed stylesheet is not inline style: a Content-Security-Policy without 'unsafe-inline' allows it.
  if ("adoptedStyleSheets" in root) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(make("style", null, css));
  }
  var box = root.appendChild(make("div"));
  box.lang = "vi";

  var shown = {};
  if (articleId) shown[articleId] = true;
  var pending = [];

  // An anonymous reader id, first-party to the embedding site: trending counts readers, not requests.
  var readerId = (function () {
    var key = "contentpipeline-reader";
    try {
      var id = localStorage.getItem(key);
      if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
        id = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return (b + 256).toString(16).slice(1); }).join("");
        localStorage.setItem(key, id);
      }
      return id;
    } catch (e) { return null; }
  })();

  // Without credentials (there are no cookies to send), kept alive past the page's end: the service answers the
  // embedding origin's preflight when that origin is in Widget:AllowedOrigins.
  function send(events) {
    fetch(base + "/api/events", {
      method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit", keepalive: true,
      body: JSON.stringify({ readerId: readerId, events: events })
    }).catch(function () { /* a lost event is not worth an error on the reader's page */ });
  }
  function flush() { if (pending.length) { send(pending.splice(0, 200)); } }
  setInterval(flush, 5000);
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });

  function get(path) {
    return fetch(base + path, { credentials: "omit" }).then(function (r) { return r.ok ? r.json() : null; });
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // "5 phút trước", "2 giờ trước", "Hôm qua", then the date, in the reader's own time zone.
  function ago(iso) {
    var then = new Date(iso), now = new Date(), minutes = (now - then) / 60000;
    if (isNaN(minutes)) return "";
    if (minutes >= 0 && minutes < 1) return "Vừa xong";
    if (minutes >= 0 && minutes < 60) return Math.floor(minutes) + " phút trước";
    if (minutes >= 0 && minutes < 1440) return Math.floor(minutes / 60) + " giờ trước";
    var yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    if (then >= yesterday && minutes >= 0) return "Hôm qua";
    return pad(then.getDate()) + "/" + pad(then.getMonth() + 1) + "/" + then.getFullYear();
  }

  // Impressions only for items a reader actually had on screen (half of the item, once).
  var seen = "IntersectionObserver" in window && new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      seen.unobserve(entry.target);
      pending.push(entry.target.impression);
    });
  }, { threshold: 0.5 });

  function block(name) {
    var section = box.appendChild(make("section"));
    section.setAttribute("data-block", name);
    var heading = section.appendChild(make("h2", null, titles[name]));
    heading.id = "cp-" + name;
    section.setAttribute("aria-labelledby", heading.id);
    return { name: name, section: section, list: section.appendChild(make("ul")) };
  }

  function render(target, items) {
    (items || []).forEach(function (item) {
      if (!item || shown[item.id]) return;
      shown[item.id] = true;
      var position = target.list.children.length + 1;
      var li = target.list.appendChild(make("li"));
      var a = li.appendChild(make("a"));
      var href = data.link ? new URL(data.link.replace("{id}", encodeURIComponent(item.id)), location.href).href : item.url;
      if (/^https?:\/\//i.test(href || "")) a.href = href;
      var thumb = a.appendChild(make("span", "th"));
      if (/^https?:\/\//i.test(item.imageUrl || "")) {
        var img = thumb.appendChild(make("img"));
        img.loading = "lazy";
        img.decoding = "async";
        img.alt = item.imageAlt || "";
        img.referrerPolicy = "no-referrer";
        img.addEventListener("error", function () { thumb.removeChild(img); });
        img.src = item.imageUrl;
      }
      var text = a.appendChild(make("span", "tx"));
      text.appendChild(make("span", "t", item.title));
      if (item.lead) text.appendChild(make("span", "l", item.lead));
      if (item.publishedAt) {
        var time = text.appendChild(make("time", null, ago(item.publishedAt)));
        time.dateTime = item.publishedAt;
      }
      var click = function () { send([{ type: "click", articleId: item.id, block: target.name, position: position }]); };
      a.addEventListener("click", click);
      a.addEventListener("auxclick", click);
      li.impression = { type: "impression", articleId: item.id, block: target.name, position: position };
      if (seen) seen.observe(li); else pending.push(li.impression);
    });
  }

  // known: the service knows the article, so "Xem thêm" pages its section.
  function show(known, related, featured, more) {
    if (related && related.length) render(block("related"), related);
    if (featured && featured.length) render(block("featured"), featured);
    var target = block("more");
    var button = target.section.appendChild(make("button", null, "Xem thêm"));
    button.type = "button";
    var cursor = more && more.nextCursor;
    function page() {
      button.disabled = true;
      var exclude = Object.keys(shown).slice(-200).join(",");
      get("/api/feeds/more?size=" + size + (known ? "&articleId=" + encodeURIComponent(articleId) : "") +
        "&exclude=" + encodeURIComponent(exclude) + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "")).then(function (m) {
        render(target, m && m.items);
        cursor = m && m.nextCursor;
        settle();
        button.disabled = false;
      }).catch(function () { button.disabled = false; });
    }
    // Nothing in the section and nothing more to page: no empty "Tin khác" heading on the article's page.
    function settle() {
      button.hidden = !cursor;
      target.section.hidden = !cursor && !target.list.children.length;
    }
    button.addEventListener("click", page);
    if (more) {
      render(target, more.items);
      settle();
    } else {
      page();
    }
  }

  function load() {
    if (articleId) send([{ type: "view", articleId: articleId }]);
    var q = "?relatedSize=" + size + "&featuredSize=" + size + "&moreSize=" + size;
    (articleId ? get("/api/blocks/" + encodeURIComponent(articleId) + q) : Promise.resolve(null)).then(function (blocks) {
      if (blocks) return show(true, blocks.related, blocks.featured, blocks.more);
      // An article not (yet) known to the service still gets what is worth watching and the newest.
      return get("/api/feeds/featured?size=" + size).then(function (f) { show(false, null, f && f.items, null); });
    }).catch(function () { /* the page works without the widget */ });
  }

  if (seen) {
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { near.disconnect(); load(); }
    }, { rootMargin: "400px" });
    near.observe(host);
  } else {
    load();
  }
})();
