from enum import StrEnum


class LinkUpdateJobRequestProduct(StrEnum):
    CONFLUENCE = "confluence"
    JIRA = "jira"

    def __str__(self) -> str:
        return str(self.value)
