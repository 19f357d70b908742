"""Every public name of course_utils resolves (the lazy ones too)."""

import course_utils


def test_every_public_name_resolves():
    for name in course_utils.__all__:
        assert callable(getattr(course_utils, name)), name
