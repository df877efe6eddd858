"""The MkDocs adapter: load the model, add its pages, render them with the theme's templates.

Content is loaded in ``on_config``, before MkDocs empties the site folder, so a
content error leaves the previous site as it was. The handbook PDF is written
last, to a temporary file first, and never during ``mkdocs serve``.
"""
from __future__ import annotations

import logging
import re
import sys
import tempfile
from html import unescape
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import leaks, notes, offline, quiz, regmap, site
from .config import RegulationConfig
from .crossref import map_links
from .load import internal_ids, load
from .templating import CompiledTemplates, templates
from .model import CHINESE_NUMERALS, KINDS, initial_anchor
from .problems import ContentErrors
from .publish import PublishError, Staging
from .version import content_version

log = logging.getLogger("mkdocs.plugins.regulation")

#: Beside Material's own worker, so that its relative paths (../lunr) still hold.
SEARCH_WORKER = "assets/javascripts/workers/reg-search.js"


#: Material's base.html gives its drawer and search checkboxes autocomplete="off", which HTML allows
#: only on text-like inputs (the Nu HTML Checker's one error on every page); the rest of base.html is
#: Material's as it is, so the attribute is taken off here rather than copying the whole template.
_VALID_TOGGLES = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off"')


class RegulationPlugin(BasePlugin[RegulationConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.staging: Staging | None = None  # where `mkdocs build` writes until the build has passed
        self.errors: ContentErrors | None = None  # content errors while previewing
        self.built = False
        # What the two environments compiled, for the next rebuild under `mkdocs serve`.
        self.compiled = {"theme": CompiledTemplates(), "content": CompiledTemplates()}

    # -- loading ------------------------------------------------------------

    @event_priority(100)  # before the theme and search see the config
    def on_config(self, config):
        if not self.config.enabled:
            return
        self.content_dir = (Path(config.config_file_path).parent / self.config.content_dir).resolve()
        self.errors = None
        try:
            self.regulation = load(self.content_dir, allow_test_placeholders=self.config.allow_test_placeholders)
        except ContentErrors as errors:
            if self.command != "serve":
                raise PluginError(errors.report()) from None
            # Previewing: show the errors at every address until the files are fixed (see on_post_build).
            # Said on stderr, not through MkDocs' log: a logged error would stop the preview in strict mode.
            print(errors.report(), file=sys.stderr)
            self.errors = errors
            config.nav = []
            config.extra["reg"] = {"notice": "", "version": "", "search_worker": SEARCH_WORKER}
            return config
        self.version = content_version(self.content_dir)
        if self.command in ("build", "gh-deploy"):
            try:
                self.staging = Staging.begin(config.site_dir)
            except PublishError as err:
                raise PluginError(str(err)) from None
            config.site_dir = str(self.staging.folder)
        self.pages = {page.src_uri: page for page in site.pages(self.regulation)}
        self.sentences = self.regulation.quotable
        reg = self.regulation
        self.ids = internal_ids(reg.sentences, reg.paraphrases, reg.sources, reg.notices, reg.quiz)
        self.map = regmap.layout(self.regulation)
        self.downloads = self._downloads()
        config.nav = _escaped(site.nav(self.regulation))
        config.extra["reg"] = {
            "title": self.regulation.title,
            "notice": self.regulation.notice,
            "authority": self.regulation.authority,
            "version": str(self.version),
            "search_worker": SEARCH_WORKER,
        }
        return config

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            server.watch(str(self.content_dir))  # content lives outside docs_dir
        return server

    # -- pages --------------------------------------------------------------

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled or self.errors:
            return files
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=self._stub(page, config)))
        files.append(self._search_worker(config))
        files.append(File.generated(config, site.BANK_JSON, content=quiz.to_json(self.regulation.quiz)))
        files.append(File.generated(config, site.BANK_CSV, content=quiz.to_csv(self.regulation.quiz)))
        self.files = files
        # Pages are rendered before on_env; take the theme's templates (overrides/ first) now,
        # escaping what content says (bodies come as safe HTML from markdown-it).
        self.env = config.theme.get_env()
        self.env.autoescape = True
        self.env.bytecode_cache = self.compiled["content"]
        self.env.globals["notes"] = notes  # the words of provenance lines, shared with the handbook
        self.env.globals["initial_anchor"] = initial_anchor  # jump indexes by pinyin initial
        self.env.globals["kinds"] = KINDS  # the kinds of page, with their names in lists
        self.env.globals["pages"] = site.PAGES  # the site's own pages, by name
        self.env.filters["host"] = notes.host
        self.note_macros = self.env.get_template("partials/reg/notes.html").module  # once, not per page
        return files

    def _search_worker(self, config) -> File:
        """Our wrapper around Material's search worker (see templates/search-worker.js)."""
        import material

        workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
        original = next(workers.glob("search.*.min.js")).name
        script = templates.get_template("search-worker.js").render(material_worker=original, numerals=CHINESE_NUMERALS)
        return File.generated(config, SEARCH_WORKER, content=script)

    def _stub(self, page: site.SitePage, config) -> str:
        """The generated Markdown: front matter only; the content comes from a template."""
        # MkDocs and Material print titles unescaped (nav, <title>, search): hand them HTML-safe text.
        meta = dict(page.meta, title=str(escape(page.title)))
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled or self.errors or page.file.src_uri not in self.pages:
            return html
        site_page = self.pages[page.file.src_uri]
        template = self.env.get_template(f"partials/reg/{site_page.template}")
        html = template.render(
            obj=site_page.obj,
            regulation=self.regulation,
            page=page,
            config=config,
            link=lambda target: self.link(target, page),
            downloads=self.downloads,
            map_svg=Markup(templates.get_template("map.html").render(
                map=self.map, map_lines=regmap.lines, printed=False, link=lambda target: self.link(target, page),
            )) if site_page.template == "home.html" else "",
            quizlib=quiz,
            exam_provisions={
                str(p.number): {"url": self.link(p, page), "label": p.display_title}
                for p in self.regulation.provisions
            } if site_page.template == "exam.html" else {},
            # In a <script> element: "</" would end it early, so it is written "<\/" (the same JSON).
            inline_bank=Markup(quiz.to_json(self.regulation.quiz).replace("</", "<\\/"))
            if self.config.inline_quiz_bank and site_page.template == "exam.html" else "",
        )
        html = map_links(html, lambda kind, key: self.link(site.target_uri(kind, key), page))
        html = self._notes(html, page)
        page.toc = get_toc(_headings(html))
        alias = site_page.obj if isinstance(site_page.obj, site.Alias) else None
        if alias and alias.redirect_to is not None:
            page.meta["redirect"] = self.link(alias.redirect_to, page)
        return html

    def _notes(self, html: str, page) -> str:
        """Number the page's quotation notes and list them at its end."""
        macros = self.note_macros
        html, page_notes = notes.number(html, self.sentences, lambda note, k: str(macros.marker(note, k)))
        if page_notes:
            linked = "data-sources-link" in html  # the explanation of ranks is linked once a page
            html += str(macros.listing(page_notes, "" if linked else self.link(site.SOURCES, page)))
        return html

    def on_env(self, env, *, config, files):
        env.bytecode_cache = self.compiled["theme"]
        return env

    def on_post_page(self, output, *, page, config):
        """The backstop: what a page shows (text, tooltips, labels) holds nothing readers must not see.
        Not in preview, which it would slow by a fifth: content is checked as it is read, and every
        build that publishes runs this scan."""
        if self.config.enabled and not self.errors and self.command != "serve":
            for leak in leaks.scan_html(output, self.ids):
                log.warning("页面 %s：读者会看到%s", page.url or "/", leak)
        return _VALID_TOGGLES.sub(r"\1", output)

    def on_post_template(self, output_content, *, template_name, config):
        return _VALID_TOGGLES.sub(r"\1", output_content)  # the 404 page

    def link(self, target, page) -> str:
        """The URL of ``target`` (a model object, a page's source path, or a site file) relative to ``page``."""
        path, _, anchor = site.uri_of(target).partition("#")
        file = self.files.get_file_from_path(path) if path.endswith(".md") else None
        url = file.url if file else path
        url = get_relative_url(url, page.url) if url else "./"
        return f"{url}#{anchor}" if anchor else url

    # -- handbook -----------------------------------------------------------

    def _downloads(self) -> dict:
        """The PDFs a page may link to: the editions, and each part's handout."""
        from .handbook import EDITIONS, handout_filename

        return {
            "editions": [(e.name, e.filename()) for e in EDITIONS],
            "handouts": {p.number: handout_filename(p) for p in self.regulation.parts},
            "paper": self.config.handbook_paper,
            "built": self.config.handbook and self.command != "serve",
            "offline": offline.ZIP if self.config.offline_edition and self.command != "serve" else "",
        }

    def _write_offline_edition(self, config) -> None:
        """The site as a zip that works from disk (see offline.py): after the PDFs, which it holds."""
        if not (self.config.enabled and self.config.offline_edition) or self.command == "serve":
            return
        options = {name: self.config[name] for name in ("content_dir", "handbook_paper", "allow_test_placeholders")}
        try:
            offline.write(Path(config.config_file_path), options, Path(config.site_dir))
        except offline.OfflineError as err:
            raise PluginError(f"离线版构建失败：{err}") from None
    def on_post_build(self, *, config) -> None:
        if self.config.enabled and self.errors:  # previewing content with errors: one page, at every address
            page = templates.get_template("error.html").render(problems=self.errors.problems)
            for name in ("index.html", "404.html"):
                (Path(config.site_dir) / name).write_text(page, encoding="utf-8")
            return
        self._write_handbook(config)
        self._write_offline_edition(config)
        self.built = True

    def on_build_error(self, *, error: Exception) -> None:
        """A failure of the machine, not of the content (a full disk, a folder that cannot be written),
        is one line in Chinese instead of a traceback."""
        if isinstance(error, OSError):
            where = f"：{error.filename}" if error.filename else ""
            raise PluginError(f"写入构建结果失败（{error.strerror or error}）{where}") from None

    @event_priority(-100)  # after every other plugin has had its say
    def on_shutdown(self) -> None:
        """Publish the site only if the whole build passed; MkDocs calls this in a ``finally``, so an
        error, a strict-mode abort or Ctrl-C is still in flight here and the old site stays."""
        if self.staging is None:
            return
        if self.built and sys.exc_info()[0] is None:
            self.staging.publish()
        else:
            self.staging.abandon()
        self.staging = None

    def _write_handbook(self, config) -> None:
        if not (self.config.enabled and self.config.handbook) or self.command == "serve":
            return
        from .handbook import Store, publish_all

        # Without the cache, a store that lives as long as this build does: every PDF is laid out.
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(config.config_file_path).parent / self.config.cache_dir if self.config.cache else Path(scratch)
            written = publish_all(self.regulation, self.version, Path(config.site_dir), Store(folder),
                                  self.config.handbook_paper)
        log.info("已生成学习手册和课堂讲义 %d 份（%s）", len(written), self.config.handbook_paper)
        for pdf, pages in written:
            for number, leak in leaks.scan_pdf_text(pages, self.ids):
                log.warning("%s 第%d页：读者会看到%s", pdf.name, number, leak)


def _escaped(nav):
    """The navigation with every section title escaped for HTML (MkDocs prints them as they are)."""
    if isinstance(nav, list):
        return [_escaped(item) for item in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): _escaped(value) for title, value in nav.items()}
    return nav


#: An h2 or h3 with an id, as our templates and markdown-it write them (the id first, double quotes).
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")


def _headings(html: str) -> list[dict]:
    """The page's table of contents: its h2 and h3 elements with an id, h3 under the h2 before it."""
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(html):
        name = unescape(_TAG.sub("", inner)).strip()
        token = {"level": int(level), "id": unescape(anchor), "name": str(escape(name)), "children": []}
        if token["level"] == 3 and tokens:
            tokens[-1]["children"].append(token)  # Material prints toc names unescaped: escaped above
        else:
            tokens.append(token)
    return tokens
