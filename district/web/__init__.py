"""The district staff's web pages (issue 13): `install(app)` mounts them under /staff."""

from district.web.pages import install

__all__ = ["install"]
