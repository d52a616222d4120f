// Injected by `cermin serve` only; never part of `cermin build` output.
(() => {
  const OVERLAY_ID = "cermin-error-overlay";
  // The build this page was served from; a newer one on (re)connect means we missed a reload.
  const build = Number(document.currentScript && document.currentScript.dataset.build);
  const events = new EventSource("/__cermin/events");
  events.addEventListener("hello", (e) => {
    if (JSON.parse(e.data).build !== build) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      url.searchParams.set("cermin-reload", Date.now());
      link.href = url.toString();
    }
  });
  events.addEventListener("build-error", (e) => showError(JSON.parse(e.data).message));
  events.addEventListener("build-ok", () => hideError());

  function showError(message) {
    let box = document.getElementById(OVERLAY_ID);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);color:#fff;" +
        "padding:2rem;overflow:auto;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace";
      const title = document.createElement("p");
      title.textContent = "cermin: the site could not be rebuilt (showing the last good version underneath)";
      title.style.cssText = "color:#ff8080;font-weight:bold;margin:0 0 1rem";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.append(title, pre);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = message;
  }

  function hideError() {
    const box = document.getElementById(OVERLAY_ID);
    if (box) box.remove();
  }
})();
