"""SCORM 1.2 for ``coursegen pack --scorm``: the manifest and the launch page.

The package is the offline site at the zip's root plus two files:

- ``imsmanifest.xml``: one organization with one item and one SCO resource whose
  launch file is ``scorm-launch.html``, listing every file of the package;
- ``scorm-launch.html``: finds the LMS's SCORM 1.2 ``API`` (parent frames, then the
  opener), shows the course (``index.html``) in a full-window frame and keeps the LMS
  informed as the learner works: ``cmi.core.lesson_status`` from the course's
  completion rule, the final test's ``cmi.core.score.raw/min/max``,
  ``cmi.core.session_time``, and the learner's record in ``cmi.suspend_data``
  (restored into the browser on the next launch; at most 4,096 characters, so
  less important parts are dropped first when the record is larger). Without an LMS
  it simply opens ``index.html``: the package still works as the normal zip.

The completion rule comes from the widgets' store: if ``CourseGenStore.completion(course)``
exists it must return ``{status, score}`` (status ``incomplete``, ``completed``,
``passed`` or ``failed``; score 0–100 or null) and is used as it is. Until then the
launch page applies the rule described in ``COMPLETION_RULE`` to the stored record.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from lxml import etree

from . import names
from .render.quiz import script_json

LAUNCH_PAGE = names.SCORM_LAUNCH + ".html"
MANIFEST = "imsmanifest.xml"
SUSPEND_LIMIT = 4096
"""SCORM 1.2's ``cmi.suspend_data`` is a CMIString4096."""
COMPLETION_RULE = (
    "passed: the final test's best score reaches its pass mark; failed: the final test was taken "
    "and its best score is below the pass mark; completed: every learnable page was visited "
    "(and the course has no final test, or it was not taken yet); otherwise incomplete."
)
_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = (f"{_CP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 "
                    f"imsmd_rootv1p2p1.xsd {_ADLCP} adlcp_rootv1p2.xsd")


@dataclass(frozen=True)
class ScormCourse:
    """What the launch page and the manifest need to know about the course."""

    id: str
    title: str
    version: str
    pages: tuple[str, ...]
    """The learnable page ids (as the progress marker names them)."""
    pass_mark: int | None
    """The final test's pass mark; None for a course without a question bank."""


def launch_page(course: ScormCourse) -> str:
    config = {"course": course.id, "pages": list(course.pages), "passMark": course.pass_mark,
              "finalQuiz": names.FINAL_QUIZ, "home": "index.html", "limit": SUSPEND_LIMIT}
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template("scorm_launch.html.j2").render(title=course.title, config=script_json(config))


def manifest(course: ScormCourse, files: list[str]) -> bytes:
    """imsmanifest.xml with one SCO that lists ``files`` (site-relative POSIX names)."""
    nsmap = {None: _CP, "adlcp": _ADLCP, "xsi": _XSI}
    root = etree.Element(f"{{{_CP}}}manifest", nsmap=nsmap,
                         identifier=f"coursegen-{course.id}-{course.version}", version="1.2")
    root.set(f"{{{_XSI}}}schemaLocation", _SCHEMA_LOCATION)
    metadata = etree.SubElement(root, f"{{{_CP}}}metadata")
    etree.SubElement(metadata, f"{{{_CP}}}schema").text = "ADL SCORM"
    etree.SubElement(metadata, f"{{{_CP}}}schemaversion").text = "1.2"
    organizations = etree.SubElement(root, f"{{{_CP}}}organizations", default="organization")
    organization = etree.SubElement(organizations, f"{{{_CP}}}organization", identifier="organization")
    etree.SubElement(organization, f"{{{_CP}}}title").text = course.title
    item = etree.SubElement(organization, f"{{{_CP}}}item", identifier="item", identifierref="sco",
                            isvisible="true")
    etree.SubElement(item, f"{{{_CP}}}title").text = course.title
    if course.pass_mark is not None:
        etree.SubElement(item, f"{{{_ADLCP}}}masteryscore").text = str(course.pass_mark)
    resources = etree.SubElement(root, f"{{{_CP}}}resources")
    resource = etree.SubElement(resources, f"{{{_CP}}}resource", identifier="sco", type="webcontent",
                                href=LAUNCH_PAGE)
    resource.set(f"{{{_ADLCP}}}scormtype", "sco")
    for name in sorted({*files, LAUNCH_PAGE}):
        etree.SubElement(resource, f"{{{_CP}}}file", href=quote(name))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

