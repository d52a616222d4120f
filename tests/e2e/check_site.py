#!/usr/bin/env python3
"""End-to-end checks over a built cermin site (the `public/` directory).

Usage:
    check_site.py PUBLIC_DIR [--base-url https://example.org]

Checks, each failure reported with the file (and line) it was found in:
  1. feeds: every file named rss.xml or atom.xml parses with feedparser without
     errors (bozo == 0), has at least one entry, and every entry has a link, an
     id/guid and a published date; entry links into the site must resolve.
  2. junk: the boilerplate of the scraped seed page ("Dimensy.id", "Apollo Solar
     Panel", "rmol news logo", ...) appears in no .html or .xml file.
  3. links: every href/src/srcset of a, area, link, img, script, source, iframe,
     video, audio, track, embed, the content of og:url/og:image meta tags, and
     every url(...) in .css files is followed when it points into the site
     (relative, root-relative, or absolute under --base-url). A link resolves if
     the file exists or, for a directory URL, DIR/index.html exists; a
     #fragment must be an id (or <a name>) in the target page.
  4. sitemap.xml parses and every <loc> maps to an existing file; robots.txt has
     a Sitemap: line pointing to it.
  5. nothing loads from another host: every src/srcset/href a browser fetches
     while showing a page (img, picture source, script, stylesheet, icon,
     preload/preconnect, manifest, iframe, video and its poster, audio, track,
     embed, object) and every url(...)/@import in .css files is relative,
     root-relative, a data: URI or absolute under --base-url. Links readers
     follow (a, area, canonical, alternate) may lead anywhere.
  6. no layout shift from images: every <img> of a local raster image (jpg,
     jpeg, png, webp, gif, avif) has width and height attributes, so the
     browser reserves its box before the file arrives.
  7. prints a summary and exits 1 when anything failed (every failure listed).

Only the standard library and feedparser are used.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Lines of the scraped seed page that must never reach the mirror.
# (text, case_sensitive)
JUNK = [
    ("Dimensy.id", False),
    ("Apollo Solar Panel", False),
    ("rmol news logo", False),
    ("LAPORAN:", True),
    ("Google News", False),
    ("Untuk mengikuti silakan klik tanda bintang", False),
    ("ARTIKEL LAINNYA", True),
]

FEED_NAMES = {"rss.xml", "atom.xml"}

# tag -> attributes holding one URL
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
}
SRCSET_TAGS = {"img", "source"}
# What a browser fetches by itself while showing a page: tag -> attributes.
LOAD_ATTRS = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# <link rel=…> values that make the browser fetch (or connect to) their href.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                "mask-icon", "manifest", "preload", "modulepreload", "prefetch", "prerender",
                "preconnect", "dns-prefetch"}
META_URL_PROPERTIES = {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "sms", "geo", "ftp", "irc", "news", "about", "blob"}
CSS_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)""", re.I)
RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
CSS_IMPORT_RE = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


@dataclass
class Link:
    source: str  # relative path of the file the link is in
    line: int
    tag: str
    attr: str
    value: str


@dataclass
class PageInfo:
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    # URLs the browser fetches by itself while showing the page.
    loads: list[Link] = field(default_factory=list)
    # <img> of a local raster image without width and height.
    unsized_images: list[Link] = field(default_factory=list)


class PageParser(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.info = PageInfo()

    def _add(self, tag: str, attr: str, value: str | None) -> None:
        if value is None:
            return
        value = value.strip()
        if value:
            self.info.links.append(Link(self.source, self.getpos()[0], tag, attr, value))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.info.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.info.ids.add(a["name"])
        for attr in URL_ATTRS.get(tag, ()):
            self._add(tag, attr, a.get(attr))
        if tag in SRCSET_TAGS and a.get("srcset"):
            for candidate in a["srcset"].split(","):
                parts = candidate.strip().split()
                if parts:
                    self._add(tag, "srcset", parts[0])
        if tag == "meta":
            prop = (a.get("property") or a.get("name") or "").lower()
            if prop in META_URL_PROPERTIES:
                self._add(tag, f"content[{prop}]", a.get("content"))
        self._add_loads(tag, a)
        if tag == "img" and self._is_local_raster(a.get("src") or "") and not (a.get("width") and a.get("height")):
            self.info.unsized_images.append(Link(self.source, self.getpos()[0], tag, "src", a["src"].strip()))

    @staticmethod
    def _is_local_raster(src: str) -> bool:
        parts = urlsplit(src.strip())
        if parts.scheme or src.strip().startswith("//"):
            return False
        return parts.path.lower().endswith(RASTER_EXTENSIONS)

    def _add_loads(self, tag: str, a: dict) -> None:
        attrs = LOAD_ATTRS.get(tag, ())
        if tag == "link" and LOADING_RELS & set((a.get("rel") or "").lower().split()):
            attrs = ("href", "imagesrcset")
        line = self.getpos()[0]
        for attr in attrs:
            value = (a.get(attr) or "").strip()
            if not value:
                continue
            urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] if "srcset" in attr else [value]
            for url in urls:
                self.info.loads.append(Link(self.source, line, tag, attr, url))

    handle_startendtag = handle_starttag


class Checker:
    def __init__(self, root: str, base_url: str | None):
        self.root = os.path.abspath(root)
        self.failures: list[str] = []
        self.base = urlsplit(base_url.rstrip("/")) if base_url else None
        self.base_path = (self.base.path.rstrip("/") if self.base else "")
        self.pages: dict[str, PageInfo] = {}
        self.html_files: list[str] = []
        self.xml_files: list[str] = []
        self.feed_files: list[str] = []
        self.css_files: list[str] = []
        self.links_checked = 0
        self.loads_checked = 0
        self.external_skipped = 0
        self.feed_entries = 0
        self.sitemap_locs = 0
        self.targets: set[str] = set()

    # ---------------------------------------------------------------- utils
    def fail(self, kind: str, where: str, msg: str) -> None:
        self.failures.append(f"[{kind}] {where}: {msg}")

    def rel(self, path: str) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def walk(self) -> None:
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                low = name.lower()
                if low.endswith((".html", ".htm")):
                    self.html_files.append(full)
                elif low.endswith(".xml"):
                    self.xml_files.append(full)
                    if low in FEED_NAMES:
                        self.feed_files.append(full)
                elif low.endswith(".css"):
                    self.css_files.append(full)

    def url_path_of(self, rel_file: str) -> str:
        """Site path ('/a/b/index.html') of a file given relative to the root."""
        return "/" + rel_file

    def is_internal_absolute(self, parts) -> bool:
        if not self.base:
            return False
        if parts.hostname != self.base.hostname:
            return False
        if (parts.port or None) != (self.base.port or None):
            return False
        if self.base_path and not (parts.path == self.base_path or parts.path.startswith(self.base_path + "/")):
            return False
        return True

    def resolve(self, value: str, from_rel: str | None) -> tuple[str | None, str, str | None]:
        """Map a link to (site path or None when skipped, fragment, error).

        from_rel is the file the link is in (relative to the root); None means
        the link must be absolute (feeds, sitemap).
        """
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in SKIP_SCHEMES:
            return None, "", None
        if scheme and scheme not in ("http", "https"):
            return None, "", None
        if scheme or value.startswith("//"):
            if not self.is_internal_absolute(parts):
                self.external_skipped += 1
                return None, "", None
            path = parts.path[len(self.base_path):] or "/"
        elif value.startswith("/"):
            path = parts.path
            if self.base_path:
                if not (path == self.base_path or path.startswith(self.base_path + "/")):
                    return None, "", f"root-relative link outside the base URL's path {self.base_path}/"
                path = path[len(self.base_path):] or "/"
        else:
            if from_rel is None:
                return None, "", "relative URL where an absolute one is required"
            if parts.path == "":
                # "#frag" or "?q": the page itself
                path = self.url_path_of(from_rel)
            else:
                page_dir = posixpath.dirname(self.url_path_of(from_rel))
                joined = posixpath.join(page_dir, parts.path)
                norm = posixpath.normpath(joined)
                # normpath('/..') stays '/': detect climbing above the root
                depth = 0
                for seg in joined.split("/"):
                    if seg in ("", "."):
                        continue
                    depth = depth - 1 if seg == ".." else depth + 1
                    if depth < 0:
                        return None, "", "relative link climbs above the site root"
                path = norm + ("/" if parts.path.endswith("/") and norm != "/" else "")
        return unquote(path), unquote(parts.fragment), None

    def target_file(self, path: str) -> str | None:
        """The file a site path is served from, or None."""
        local = os.path.join(self.root, path.lstrip("/").replace("/", os.sep))
        if path.endswith("/"):
            cand = os.path.join(local, "index.html")
            return cand if os.path.isfile(cand) else None
        if os.path.isfile(local):
            return local
        if os.path.isdir(local):
            cand = os.path.join(local, "index.html")
            return cand if os.path.isfile(cand) else None
        return None

    def page_info(self, full: str) -> PageInfo:
        rel = self.rel(full)
        if rel not in self.pages:
            parser = PageParser(rel)
            with open(full, encoding="utf-8", errors="replace") as f:
                parser.feed(f.read())
            parser.close()
            self.pages[rel] = parser.info
        return self.pages[rel]

    def check_link(self, link: Link, absolute_only: bool = False) -> None:
        where = f"{link.source}:{link.line}" if link.line else link.source
        path, frag, err = self.resolve(link.value, None if absolute_only else link.source)
        if err:
            self.fail("link", where, f"<{link.tag} {link.attr}=\"{link.value}\">: {err}")
            return
        if path is None:
            return
        self.links_checked += 1
        self.targets.add(path)
        target = self.target_file(path)
        if target is None:
            hint = f"{path.lstrip('/')}index.html" if path.endswith("/") else path.lstrip("/")
            self.fail("link", where, f"<{link.tag} {link.attr}=\"{link.value}\"> is broken: no file {hint}")
            return
        if frag and frag != "top" and target.lower().endswith((".html", ".htm")):
            if frag not in self.page_info(target).ids:
                self.fail("fragment", where,
                          f"<{link.tag} {link.attr}=\"{link.value}\">: no id=\"{frag}\" in {self.rel(target)}")

    # ---------------------------------------------------------------- checks
    def check_feeds(self) -> None:
        try:
            import feedparser  # noqa: WPS433 (imported here so --help works without it)
        except ImportError:
            self.fail("feed", "-", "python module feedparser is not installed (pip install feedparser)")
            return
        for full in self.feed_files:
            rel = self.rel(full)
            with open(full, "rb") as f:
                data = f.read()
            d = feedparser.parse(data)
            if d.bozo:
                self.fail("feed", rel, f"not well-formed (bozo): {d.get('bozo_exception')!r}")
            if d.get("version", "") == "":
                self.fail("feed", rel, "not recognised as RSS or Atom")
            if not d.entries:
                self.fail("feed", rel, "has no entries")
            for i, e in enumerate(d.entries, 1):
                self.feed_entries += 1
                label = f"entry {i} ({e.get('title', '?')!r})"
                if not e.get("link"):
                    self.fail("feed", rel, f"{label} has no link")
                else:
                    self.check_link(Link(rel, 0, "entry", "link", e["link"]), absolute_only=True)
                if not e.get("id"):
                    self.fail("feed", rel, f"{label} has no id/guid")
                if not e.get("published"):
                    self.fail("feed", rel, f"{label} has no published date")
                elif not e.get("published_parsed"):
                    self.fail("feed", rel, f"{label} published date {e['published']!r} does not parse")

    def check_junk(self) -> None:
        for full in self.html_files + self.xml_files:
            rel = self.rel(full)
            with open(full, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    low = line.lower()
                    for text, case in JUNK:
                        if (text in line) if case else (text.lower() in low):
                            self.fail("junk", f"{rel}:{lineno}", f"contains {text!r}")

    def check_links(self) -> None:
        for full in self.html_files:
            for link in self.page_info(full).links:
                self.check_link(link)
        for full in self.css_files:
            rel = self.rel(full)
            with open(full, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    for m in list(CSS_URL_RE.finditer(line)) + list(CSS_IMPORT_RE.finditer(line)):
                        value = next(g for g in m.groups() if g is not None)
                        if value:
                            self.check_link(Link(rel, lineno, "css", "url", value))

    def loads_from_elsewhere(self, value: str) -> bool:
        """Whether fetching `value` would contact a host other than the site's."""
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in ("data", "blob"):
            return False
        if not scheme and not value.startswith("//"):
            return False
        return not self.is_internal_absolute(parts)

    def check_remote(self) -> None:
        for full in self.html_files:
            for link in self.page_info(full).loads:
                self.loads_checked += 1
                if self.loads_from_elsewhere(link.value):
                    self.fail("remote", f"{link.source}:{link.line}",
                              f"<{link.tag} {link.attr}=\"{link.value}\"> loads from another host")
        for full in self.css_files:
            rel = self.rel(full)
            with open(full, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    for m in list(CSS_URL_RE.finditer(line)) + list(CSS_IMPORT_RE.finditer(line)):
                        value = next(g for g in m.groups() if g is not None)
                        self.loads_checked += 1
                        if value and self.loads_from_elsewhere(value):
                            self.fail("remote", f"{rel}:{lineno}", f"<css url=\"{value}\"> loads from another host")

    def check_image_sizes(self) -> None:
        for full in self.html_files:
            for link in self.page_info(full).unsized_images:
                self.fail("layout", f"{link.source}:{link.line}",
                          f"<img src=\"{link.value}\"> has no width and height (the page shifts when it loads)")

    def check_sitemap(self) -> None:
        sitemap = os.path.join(self.root, "sitemap.xml")
        if not os.path.isfile(sitemap):
            self.fail("sitemap", "sitemap.xml", "missing")
        else:
            self._check_sitemap_file(sitemap, seen=set())
        robots = os.path.join(self.root, "robots.txt")
        if not os.path.isfile(robots):
            self.fail("robots", "robots.txt", "missing")
            return
        with open(robots, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        found = False
        for lineno, line in enumerate(lines, 1):
            m = re.match(r"\s*sitemap\s*:\s*(\S+)", line, re.I)
            if m:
                found = True
                self.check_link(Link("robots.txt", lineno, "robots", "Sitemap", m.group(1)), absolute_only=True)
                if self.base and not self.is_internal_absolute(urlsplit(m.group(1))):
                    self.fail("robots", f"robots.txt:{lineno}", f"Sitemap URL {m.group(1)!r} is not under the base URL")
        if not found:
            self.fail("robots", "robots.txt", "has no 'Sitemap:' line")

    def _check_sitemap_file(self, full: str, seen: set[str]) -> None:
        rel = self.rel(full)
        if rel in seen:
            return
        seen.add(rel)
        try:
            tree = ET.parse(full)
        except ET.ParseError as e:
            self.fail("sitemap", rel, f"does not parse as XML: {e}")
            return
        root = tree.getroot()
        tag = root.tag.rsplit("}", 1)[-1]
        if tag not in ("urlset", "sitemapindex"):
            self.fail("sitemap", rel, f"root element is <{tag}>, expected <urlset> or <sitemapindex>")
            return
        locs = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc"]
        if not locs:
            self.fail("sitemap", rel, "has no <loc>")
        for el in locs:
            value = (el.text or "").strip()
            self.sitemap_locs += 1
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https"):
                self.fail("sitemap", rel, f"<loc>{value}</loc> is not an absolute http(s) URL")
                continue
            if self.base and not self.is_internal_absolute(parts):
                self.fail("sitemap", rel, f"<loc>{value}</loc> is not under the base URL")
                continue
            path, _, _ = self.resolve(value if self.base else parts.path, None if self.base else rel)
            target = self.target_file(path) if path else None
            if target is None:
                self.fail("sitemap", rel, f"<loc>{value}</loc> maps to no file")
            elif tag == "sitemapindex":
                self._check_sitemap_file(target, seen)

    def run(self) -> int:
        if not os.path.isdir(self.root):
            print(f"error: {self.root} is not a directory", file=sys.stderr)
            return 2
        self.walk()
        if not self.html_files:
            self.fail("site", self.root, "no .html files found")
        if not self.feed_files:
            self.fail("feed", self.root, "no rss.xml or atom.xml found")
        self.check_feeds()
        self.check_junk()
        self.check_links()
        self.check_remote()
        self.check_image_sizes()
        self.check_sitemap()

        print(f"check_site: {self.root}")
        print(f"  pages:         {len(self.html_files)} html, {len(self.css_files)} css, {len(self.xml_files)} xml")
        print(f"  feeds:         {len(self.feed_files)} ({self.feed_entries} entries)")
        print(f"  links checked: {self.links_checked} ({len(self.targets)} distinct targets, "
              f"{self.external_skipped} external skipped)")
        print(f"  loads checked: {self.loads_checked} (all must be from the site itself)")
        print(f"  sitemap locs:  {self.sitemap_locs}")
        if self.failures:
            print(f"FAILED: {len(self.failures)} problem(s)")
            for f in self.failures:
                print(f"  {f}")
            return 1
        print("OK: all checks passed")
        return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("public_dir", help="the built site (e.g. public/)")
    ap.add_argument("--base-url", help="the site's base_url; absolute links under it are checked as internal")
    args = ap.parse_args(argv)
    return Checker(args.public_dir, args.base_url).run()


if __name__ == "__main__":
    sys.exit(main())
