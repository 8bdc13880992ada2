"""Settings for `make test-lowest`, loaded with `-p tests.packaging.lowest_run`.

The lowest-versions run asks whether the code works with the oldest allowed dependencies, not how deep the
property tests search (the pinned run does that), so tests that leave `max_examples` unset get fewer.
"""

from hypothesis import settings

settings.register_profile("lowest", max_examples=15)
