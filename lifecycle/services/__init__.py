"""One function per use case, each in one unit of work: the only way into the domain.

The API, the CLI and the scheduler all call these with plain values.
"""
from lifecycle.services.annual_reports import (  # noqa: F401
    create_annual_report,
    get_annual_report,
    list_annual_reports,
    publish_annual_report,
    update_annual_report,
)
from lifecycle.services.audit_log import verify_audit_log  # noqa: F401
from lifecycle.services.boards import (  # noqa: F401
    add_member,
    create_board,
    get_board,
    list_boards,
    list_members,
    switch_rulebook,
    update_board,
    update_member,
)
from lifecycle.services.checks import check_available_events, check_event  # noqa: F401
from lifecycle.services.composition import (  # noqa: F401
    add_relevant_partner,
    list_relevant_partners,
    update_relevant_partner,
)
from lifecycle.services.consultation import chase_consultee, consultee_tracker  # noqa: F401
from lifecycle.services.dashboard import dashboard, next_action  # noqa: F401
from lifecycle.services.events import fire_event, run_automatic_events  # noqa: F401
from lifecycle.services.facts import (  # noqa: F401
    acknowledge_membership_changes,
    add_consultee,
    list_membership_changes,
    record_approval,
    record_publication_channel,
    update_checklist_item,
    update_consultee,
)
from lifecycle.services.monitoring import list_monitoring, record_monitoring  # noqa: F401
from lifecycle.services.obligations import (  # noqa: F401
    board_obligation_report,
    board_obligations,
    find_obligations,
    plan_obligations,
)
from lifecycle.services.plan_history import plan_path  # noqa: F401
from lifecycle.services.plans import create_plan, get_plan, list_plans, list_reviews  # noqa: F401
from lifecycle.services.reminder_log import plan_reminders  # noqa: F401
