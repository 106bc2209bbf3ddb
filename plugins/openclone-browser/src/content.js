// Runs in each web page (an isolated world: the page's own scripts cannot see it). Counts the seconds the page is
// visible, focused and in use, notices address changes of single-page apps, reads an article's text with
// Readability, and reports the visit to the extension's service worker. It never sees the server's key.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const TICK_MS = 1000;
  const REPORT_EVERY_MS = 3000;
  const TEXT_AGAIN_AFTER_S = 60;

  let config = { capture: null, minSeconds: 10, idleSeconds: 120, wantText: false, keepQuery: false };
  let visit = null;
  let lastInput = Date.now();
  let lastTick = performance.now();
  let lastReport = 0;
  let reportedSeconds = -1;
  let textAtSeconds = null;
  let pendingText = null;
  let stopped = false;

  /** What makes an address another page: its path (and query, for domains that keep it), never the fragment. */
  function pageKey(href) {
    const url = new URL(href);
    return url.origin + url.pathname + (config.keepQuery ? url.search : "");
  }

  /** A random UUID (crypto.randomUUID needs a secure context; plain http pages are not one). */
  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function newVisit() {
    visit = {
      id: uuid(),
      url: location.href,
      title: document.title,
      startedAt: Date.now(),
      seconds: 0,
      passwordField: false,
      lang: document.documentElement.lang || null,
    };
    reportedSeconds = -1;
    textAtSeconds = null;
    pendingText = null;
    lastInput = Date.now();
  }

  function counting() {
    return document.visibilityState === "visible" && document.hasFocus()
      && Date.now() - lastInput < config.idleSeconds * 1000;
  }

  function hasPasswordField() {
    return document.querySelector("input[type=password]") !== null;
  }

  const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu;

  /**
   * The readable text of an article-like page as paragraphs, or null. Article-like: Readability's own test (with
   * the paragraph length it expects scaled down for Chinese, Japanese and Korean, where a character says what a
   * word does elsewhere), a page that declares itself one (schema.org articleBody, og:type article), or a page
   * whose extracted main text has at least three paragraphs and 400 characters (150 in those languages) — news
   * sites of one-sentence paragraphs fail Readability's test but are articles all the same.
   */
  function articleText() {
    if (typeof Readability !== "function" || typeof isProbablyReaderable !== "function") {
      return null;
    }
    const sample = (document.body?.innerText ?? "").slice(0, 5000);
    const cjk = (sample.match(CJK)?.length ?? 0) > sample.length * 0.2;
    const vouched = isProbablyReaderable(document, { minContentLength: cjk ? 50 : 140, minScore: 20 })
      || document.querySelector("[itemprop=articleBody], meta[property='og:type'][content=article]") !== null;
    const article = new Readability(document.cloneNode(true)).parse();
    if (!article || !article.content) {
      return null;
    }
    const doc = new DOMParser().parseFromString(article.content, "text/html");
    const text = paragraphs(doc.body);
    const long = text.split("\n\n").length >= 3 && text.length >= (cjk ? 150 : 400);
    if (!text || !(vouched || long)) {
      return null;
    }
    if (article.lang && !visit.lang) {
      visit.lang = article.lang;
    }
    return text;
  }

  const BLOCKS = new Set(["P", "DIV", "SECTION", "ARTICLE", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "PRE",
    "BLOCKQUOTE", "TR", "FIGCAPTION", "DT", "DD", "TABLE", "UL", "OL", "HEADER", "FOOTER", "ASIDE", "MAIN"]);

  function paragraphs(root) {
    const out = [];
    let line = "";
    const flush = () => {
      const clean = line.replace(/[ \t\f\v\u00a0]+/g, " ").trim();
      if (clean) {
        out.push(clean);
      }
      line = "";
    };
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          line += child.nodeValue.replace(/\s+/g, " ");
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.tagName === "BR") {
            flush();
          } else if (BLOCKS.has(child.tagName)) {
            flush();
            walk(child);
            flush();
          } else if (child.tagName !== "SCRIPT" && child.tagName !== "STYLE") {
            walk(child);
          }
        }
      }
    };
    walk(root);
    flush();
    return out.join("\n\n");
  }

  async function detectLanguage(text) {
    if (visit.lang || !api.i18n?.detectLanguage) {
      return;
    }
    try {
      const found = await api.i18n.detectLanguage(text.slice(0, 4000));
      const best = found?.languages?.[0];
      if (found?.isReliable && best && best.language !== "und") {
        visit.lang = best.language;
      }
    } catch {
      // no language then
    }
  }

  function maybeReadText() {
    if (!config.capture || !config.wantText || visit.passwordField) {
      return;
    }
    const due = textAtSeconds === null ? visit.seconds >= config.minSeconds
      : visit.seconds - textAtSeconds >= TEXT_AGAIN_AFTER_S;
    if (!due) {
      return;
    }
    textAtSeconds = visit.seconds;
    try {
      const text = articleText();
      if (text) {
        pendingText = text;
        detectLanguage(text);
      }
    } catch {
      // a page Readability cannot read: its visit is kept without text
    }
  }

  async function report(ended) {
    if (stopped || !visit || visit.ended) {
      return;
    }
    visit.ended = ended;
    const message = {
      type: "visit",
      visit: {
        id: visit.id, url: visit.url, title: visit.title, startedAt: visit.startedAt,
        seconds: Math.round(visit.seconds), passwordField: visit.passwordField, lang: visit.lang,
        text: pendingText, ended,
      },
    };
    lastReport = Date.now();
    reportedSeconds = visit.seconds;
    const sentText = pendingText;
    try {
      const answer = await api.runtime.sendMessage(message);
      if (sentText === pendingText) {
        pendingText = null;
      }
      if (answer && !ended) {
        const was = config.capture;
        config = answer;
        if (answer.restart || (was !== null && answer.capture !== was)) {
          // captured from now on, or no longer (paused, excluded), or the extension ended this visit itself:
          // what follows is a new visit, and nothing counted before it is kept
          newVisit();
        }
      } else if (answer) {
        config = answer;
      }
    } catch {
      if (!api.runtime?.id) {
        stop(); // the extension was reloaded or removed
      }
    }
  }

  function tick() {
    const now = performance.now();
    const elapsed = Math.min(now - lastTick, 2 * TICK_MS) / 1000;
    lastTick = now;
    if (pageKey(location.href) !== pageKey(visit.url)) {
      // a single-page app moved to another address (history.pushState): a new visit
      report(true);
      newVisit();
      report(false);
      return;
    }
    if (document.title) {
      visit.title = document.title;
    }
    if (!visit.passwordField && hasPasswordField()) {
      visit.passwordField = true;
      pendingText = null;
    }
    if (counting()) {
      visit.seconds += elapsed;
    }
    maybeReadText();
    const changed = Math.round(visit.seconds) !== Math.round(reportedSeconds);
    if (pendingText || (changed && Date.now() - lastReport >= REPORT_EVERY_MS)) {
      report(false);
    }
  }

  function onInput() {
    lastInput = Date.now();
  }

  function stop() {
    stopped = true;
    clearInterval(timer);
  }

  for (const type of ["mousemove", "mousedown", "keydown", "wheel", "scroll", "touchstart", "pointerdown"]) {
    addEventListener(type, onInput, { capture: true, passive: true });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      report(false);
    } else {
      onInput();
    }
  });
  addEventListener("focus", onInput);
  addEventListener("pagehide", () => report(true));
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      // back from the back/forward cache: a new visit of the page
      newVisit();
      report(false);
    }
  });

  newVisit();
  report(false);
  const timer = setInterval(tick, TICK_MS);
})();
