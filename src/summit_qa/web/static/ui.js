() => {
  // summit-qa in the browser: a reply's "In the page" link opens the Page tab at its passage,
  // its share link is copied, the copy button and screen readers get clean text (not Markdown).
  if (window.summitQaReady) return;
  window.summitQaReady = true;

  const absolute = (href) => new URL(href, window.location.origin + window.location.pathname).href;

  const openTab = (name) => {
    const tab = [...document.querySelectorAll('button[role="tab"]')].find(
      (b) => b.textContent.trim() === name
    );
    if (tab) tab.click();
  };

  const showInPage = (id) => {
    openTab("Page");
    const reach = (tries) => {
      const el = document.getElementById(id);
      if (el && el.offsetParent !== null) {
        document.querySelectorAll(".summit-target").forEach((e) => e.classList.remove("summit-target"));
        el.classList.add("summit-target");
        el.setAttribute("tabindex", "-1");
        el.scrollIntoView({ block: "center" });
        el.focus({ preventScroll: true });
      } else if (tries > 0) {
        setTimeout(() => reach(tries - 1), 50);
      }
    };
    reach(60);
  };

  // A reply as clean text: date · headline · agency, the quoted passage, the share link.
  const cleanText = (message) => {
    const root = message.cloneNode(true);
    root.querySelectorAll("details, button, svg, .summit-in-page").forEach((e) => e.remove());
    root.querySelectorAll("a.summit-share").forEach((a) =>
      a.replaceWith(document.createTextNode(absolute(a.getAttribute("href"))))
    );
    const blocks = [...root.querySelectorAll("p, blockquote, li, h1, h2, h3, h4")].filter(
      (b) => !b.parentElement.closest("p, blockquote, li")
    );
    return (blocks.length ? blocks : [root])
      .map((b) => b.textContent.replace(/\s*·\s*$/, "").trim())
      .filter(Boolean)
      .join("\n");
  };

  // The message a copy button belongs to: its button bar follows the message's row.
  const messageOf = (button) => {
    let row = button.closest(".message-row");
    const bar = button.closest(".message-buttons");
    if (!row && bar) {
      row = bar.previousElementSibling;
      while (row && !row.classList.contains("message-row")) row = row.previousElementSibling;
    }
    return row ? row.querySelector(".message-content") || row : null;
  };

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest("a");
      if (link && link.closest("#chat, #timeline")) {
        const href = link.getAttribute("href") || "";
        if (href.startsWith("#page-")) {
          event.preventDefault();
          event.stopPropagation();
          showInPage(href.slice(1));
          return;
        }
        if (link.classList.contains("summit-share")) {
          event.preventDefault();
          event.stopPropagation();
          const url = absolute(href);
          const done = () => {
            link.dataset.copied = "1";
            link.setAttribute("title", "copied: " + url);
          };
          if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, () => window.open(url));
          else window.open(url);
          return;
        }
      }
      const button = event.target.closest("button");
      if (button && button.closest("#chat")) {
        const label = (button.getAttribute("aria-label") || button.getAttribute("title") || "").toLowerCase();
        if (label.includes("copy")) {
          const message = messageOf(button);
          if (message && navigator.clipboard) {
            event.preventDefault();
            event.stopPropagation();
            navigator.clipboard.writeText(cleanText(message));
            button.dataset.copied = "1";
          }
        }
      }
    },
    true
  );

  // Gradio labels each message with its raw Markdown for screen readers: give them the text.
  const relabel = () => {
    document.querySelectorAll("#chat [aria-label*=\"'s message: \"]").forEach((el) => {
      const label = el.getAttribute("aria-label");
      const who = label.slice(0, label.indexOf("'s message: "));
      const wanted = `${who}'s message: ${cleanText(el)}`;
      if (label !== wanted) el.setAttribute("aria-label", wanted);
    });
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      relabel();
      forgetShareLink();
    });
  }).observe(document.body, { childList: true, subtree: true });

  // A share link (?q=…) is asked once: when its reply is in, the address loses the question,
  // so reloading shows the conversation as it goes on instead of asking again.
  const forgetShareLink = () => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("q") || !document.querySelector("#chat [data-testid='bot']")) return;
    url.searchParams.delete("q");
    url.searchParams.delete("after");
    window.history.replaceState(null, "", url.pathname + (url.search || "") + url.hash);
  };
}
