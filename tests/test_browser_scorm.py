"""SCORM 1.2 in Chromium against a real runtime (scorm-again, vendored) over http://127.0.0.1.

The LMS page puts scorm-again's ``API`` on the parent frame and opens the package's
launch page in a frame, as an LMS does. A learner opens every page, passes the final
test and studies every lesson page; completion (the course's rule, rules.js), score,
session time and suspend_data arrive in the runtime, and a second launch in a fresh
browser restores the record from suspend_data.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import make_project
from generator import api
from test_browser_quiz import bank, run_test, set_mode, shown_qids, wait_ready

pytestmark = pytest.mark.browser

RUNTIME = Path(__file__).resolve().parent / "vendor" / "scorm-again" / "scorm12.min.js"
LMS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  var saved = sessionStorage.getItem("suspend_data");
  if (saved) window.API.cmi.suspend_data = saved;
  // session_time and exit are write-only in the CMI model: keep what the SCO sends
  window.sent = {};
  ["cmi.core.session_time", "cmi.core.exit"].forEach(function (name) {
    window.API.on("LMSSetValue." + name, function (element, value) { window.sent[name] = value; });
  });
</script></head>
<body style="margin:0"><iframe id="sco" src="pkg/scorm-launch.html" style="width:1200px;height:860px;border:0"></iframe>
</body></html>"""
CMI = """() => ({ status: API.cmi.core.lesson_status, raw: API.cmi.core.score.raw, min: API.cmi.core.score.min,
  max: API.cmi.core.score.max, time: window.sent["cmi.core.session_time"], data: API.cmi.suspend_data,
  exit: window.sent["cmi.core.exit"], terminated: API.isTerminated() })"""
WAIT = 10_000


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """The mini course packed with --scorm, served with the runtime on a free port of 127.0.0.1."""
    root = make_project(tmp_path_factory.mktemp("scorm") / "project")
    package = api.pack(root, scorm=True)
    served = tmp_path_factory.mktemp("served")
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(served / "pkg")
    shutil.copy(RUNTIME, served / "scorm12.min.js")
    (served / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=served))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served / "pkg"
    finally:
        server.shutdown()
        server.server_close()


def local_context(chromium, origin: str, outside: list[str]):
    context = chromium.new_context()

    def route(route):
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context


def course_frame(page, path: str):
    page.wait_for_function(f"() => [...document.querySelectorAll('iframe')].length > 0", timeout=WAIT)
    for _ in range(100):
        frames = [f for f in page.frames if f.url.endswith("/pkg/" + path)]
        if frames:
            frames[0].wait_for_load_state()
            return frames[0]
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame shows {path}: {[f.url for f in page.frames]}")


def learnable_pages(package: Path) -> list[str]:
    config = (package / "scorm-launch.html").read_text(encoding="utf-8")
    data = json.loads(config.split('id="cg-scorm-config">')[1].split("</script>")[0])
    return data["pages"]


def test_manifest_lists_every_file_of_the_package(lms):
    _, package = lms
    manifest = etree.parse(str(package / "imsmanifest.xml")).getroot()
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    (resource,) = manifest.findall("cp:resources/cp:resource", ns)
    assert resource.get("href") == "scorm-launch.html"
    assert resource.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    listed = {f.get("href") for f in resource.findall("cp:file", ns)}
    present = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert listed == present - {"imsmanifest.xml"}
    assert manifest.findtext("cp:organizations/cp:organization/cp:item/adlcp:masteryscore", namespaces=ns) == "80"
    assert not any(name.startswith("assets/javascripts/lunr/") for name in present)


def test_learn_pass_the_final_and_read_completion_and_score_from_the_runtime(chromium, lms):
    origin, package = lms
    outside: list[str] = []
    errors: list[str] = []
    context = local_context(chromium, origin, outside)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{origin}/lms.html")
    home = course_frame(page, "index.html")
    page.wait_for_function("() => API.cmi.core.lesson_status === 'incomplete'", timeout=WAIT)

    # learn: every page of the course, in the frame the launch page shows
    paths = [p.relative_to(package).as_posix() for p in package.rglob("*.html")]
    for path in sorted(paths):
        if path not in ("scorm-launch.html", "404.html"):
            home.goto(f"{origin}/pkg/{path}")

    # pass the final test: the score arrives, but opening pages is not studying them
    final = home
    final.goto(f"{origin}/pkg/quiz/final.html")
    wait_ready(final)
    set_mode(final, "test")
    run_test(final, right=set(shown_qids(final)))
    page.wait_for_function("() => API.cmi.core.score.raw === '100'", timeout=WAIT)
    assert page.evaluate("() => API.cmi.core.lesson_status") == "incomplete"
    assert bank(final)

    # study every lesson page for its estimated time (the study-time tests use the clock for this)
    final.evaluate("""() => CourseGenStore.update('mini', record => {
      CourseGenStore.course().pages.forEach(p => { record.pages[p.id] = {t: Date.now(), s: p.seconds}; });
      return record;
    })""")
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'", timeout=WAIT)

    # the LMS closes the course: the launch page reports the session and finishes
    page.evaluate("() => document.getElementById('sco').remove()")
    page.wait_for_function("() => API.isTerminated()", timeout=WAIT)
    cmi = page.evaluate(CMI)
    assert (cmi["status"], cmi["raw"], cmi["min"], cmi["max"], cmi["exit"]) == ("passed", "100", "0", "100", "")
    assert len(cmi["time"].split(":")) == 3 and cmi["time"][:4].isdigit()
    data = json.loads(cmi["data"])
    assert len(cmi["data"]) <= 4096 and data["cg"] == 1
    assert data["r"]["quizzes"]["final"]["best"] == 100
    assert set(learnable_pages(package)) <= set(data["r"]["pages"])
    assert outside == [] and errors == []

    # a second launch in a fresh browser restores the record from suspend_data
    again = local_context(chromium, origin, outside)
    second = again.new_page()
    second.add_init_script(f"sessionStorage.setItem('suspend_data', {json.dumps(cmi['data'])})")
    second.goto(f"{origin}/lms.html")
    restored = course_frame(second, "index.html")
    second.wait_for_function("() => API.cmi.core.lesson_status === 'passed' && API.cmi.core.score.raw === '100'",
                             timeout=WAIT)
    record = json.loads(restored.evaluate("() => localStorage.getItem('coursegen:v1:mini')"))
    assert record["quizzes"]["final"]["best"] == 100 and set(learnable_pages(package)) <= set(record["pages"])
    again.close()
    context.close()
    assert outside == []


def test_suspend_data_fits_scorm_limit_and_without_lms_the_package_is_the_plain_course(chromium, lms):
    origin, _ = lms
    outside: list[str] = []
    context = local_context(chromium, origin, outside)
    page = context.new_page()
    page.goto(f"{origin}/lms.html")
    course_frame(page, "index.html")
    launch = next(f for f in page.frames if f.url.endswith("/scorm-launch.html"))
    big = launch.evaluate("""() => {
      const record = { v: 2, learner: "张三", questions: {}, quizzes: { final: { best: 90, attempts: 3 } }, pages: {} };
      for (let i = 0; i < 400; i++) record.questions["q-" + i] = { h: "abcdef123456", a: ["很长的作答内容" + i], ok: true, n: 1 };
      for (let i = 0; i < 60; i++) record.pages["page-" + i] = { t: 1700000000000, s: 600, d: 1700000000000 };
      const text = CourseGenScorm.suspendData(record);
      return { length: text.length, ascii: /^[\\x00-\\x7f]*$/.test(text), parsed: JSON.parse(text) };
    }""")
    assert big["length"] <= 4096 and big["ascii"]
    assert big["parsed"]["r"]["quizzes"]["final"]["best"] == 90 and big["parsed"]["r"]["learner"] == "张三"
    context.close()

    plain = local_context(chromium, origin, outside)
    alone = plain.new_page()
    alone.goto(f"{origin}/pkg/scorm-launch.html")
    alone.wait_for_url(f"{origin}/pkg/index.html", timeout=WAIT)
    plain.close()
    assert outside == []
