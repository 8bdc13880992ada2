"""Contains all the data models used in inputs/outputs"""

from .application import Application
from .error_collection import ErrorCollection
from .error_collection_errors import ErrorCollectionErrors
from .icon import Icon
from .jobs_api_error import JobsApiError
from .lenient_flag_text import LenientFlagText
from .link_update_job_request import LinkUpdateJobRequest
from .link_update_job_scheduled import LinkUpdateJobScheduled
from .link_update_job_status import LinkUpdateJobStatus
from .linked_object import LinkedObject
from .linked_object_status import LinkedObjectStatus
from .remote_issue_link import RemoteIssueLink
from .remote_issue_link_identifies import RemoteIssueLinkIdentifies
from .remote_issue_link_request import RemoteIssueLinkRequest
from .remote_object import RemoteObject
from .status import Status

__all__ = (
    "Application",
    "ErrorCollection",
    "ErrorCollectionErrors",
    "Icon",
    "JobsApiError",
    "LenientFlagText",
    "LinkUpdateJobRequest",
    "LinkUpdateJobScheduled",
    "LinkUpdateJobStatus",
    "LinkedObject",
    "LinkedObjectStatus",
    "RemoteIssueLink",
    "RemoteIssueLinkIdentifies",
    "RemoteIssueLinkRequest",
    "RemoteObject",
    "Status",
)
