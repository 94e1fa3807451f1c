"""gipr-lint: a linter for 政府信息公开工作年度报告.

Government information disclosure annual reports, checked like code.
"""

__version__ = "0.1.0"

#: The plugin API version. A plugin declares the versions it supports in its module attribute
#: ``GIPR_LINT_API`` (an int or a collection of ints); one built for another version is skipped.
PLUGIN_API_VERSION = 1
