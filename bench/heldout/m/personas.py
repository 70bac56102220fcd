"""The cast: every persona with its weight (accounts per 1,000) and the function that plays it.

Network personas get at least three accounts so that a network has members to share.
"""

from __future__ import annotations

import personas_abuse as A
import personas_benign as B

# (persona, accounts per 1,000, builder, minimum accounts)
BENIGN = [
    ("tr_student", 62, B.tr_students, 1),
    ("tr_adult", 52, B.tr_adults, 1),
    ("cis_user", 48, B.cis_users, 1),
    ("caucasus_user", 30, B.caucasus_users, 1),
    ("gulf_levant_user", 42, B.gulf_levant_users, 1),
    ("iran_vpn_user", 16, B.iran_vpn_users, 1),
    ("ua_pl_user", 24, B.ua_pl_users, 1),
    ("western_user", 16, B.western_users, 1),
    ("cafe_user", 12, B.cafe_users, 1),
    ("family_plan", 10, B.family_plans, 1),
    ("viral_paster", 24, B.viral_pasters, 1),
    ("power_user_max", 14, B.power_users, 1),
    ("olympiad_coach", 6, B.olympiad_coaches, 1),
    ("teacher", 14, B.teachers, 1),
    ("small_business", 24, B.small_business, 1),
    ("dormant", 52, B.dormant, 1),
    ("cowork_member", 20, B.cowork_members, 1),
    ("campus_user", 20, B.campus_users, 1),
    ("vpn_user", 14, B.vpn_users, 1),
    ("indie_dev", 38, B.indie_devs, 1),
    ("agentic_coder", 26, B.agentic_coders, 1),
    ("startup_team", 36, B.startup_teams, 3),
    ("hackathon_participant", 30, B.hackathon, 3),
    ("research_lab", 24, B.research_labs, 3),
    ("eval_harness", 6, B.eval_harnesses, 1),
    ("batch_own_ids", 8, B.batch_own_ids, 1),
    ("localizer", 8, B.localizers, 1),
    ("corp_employee", 54, B.corp_users, 1),
    ("platform", 4, B.platforms, 1),
    ("byok_user", 16, B.byok_users, 1),
    ("saas_backend", 16, B.saas_backends, 1),
    ("former_rival_employee", 4, B.former_rival_staff, 1),
    ("rival_office_visitor", 4, B.rival_visitors, 1),
    ("namesake_staff", 12, B.namesake_staff, 1),
]

ABUSIVE = [
    ("rival_staff_domain", 8, A.rival_staff_domain, 1),
    ("rival_staff_card", 8, A.rival_staff_card, 1),
    ("rival_staff_sso", 6, A.rival_staff_sso, 1),
    ("rival_staff_platform", 5, A.rival_staff_platform, 1),
    ("rival_subsidiary_staff", 6, A.rival_subsidiary_staff, 1),
    ("rival_safety_eval", 1, A.rival_safety_eval, 1),
    ("rival_contractor", 12, A.rival_contractors, 3),
    ("rival_network_distill", 14, A.rival_net_distill, 3),
    ("rival_network_probe", 12, A.rival_net_probe, 3),
    ("distill_bulk", 5, A.distill_bulk, 1),
    ("distill_careful", 7, A.distill_careful, 1),
    ("distill_sft_local", 7, A.distill_sft_local, 1),
    ("distill_fake_platform", 3, A.distill_fake_platform, 1),
    ("distill_agent_traces", 4, A.distill_agent_traces, 1),
    ("distill_network", 14, A.distill_network, 3),
    ("scrape_blatant", 6, A.scrape_single, 1),
    ("scrape_careful", 8, A.scrape_careful, 1),
    ("scrape_network", 12, A.scrape_network, 3),
    ("free_farm", 40, A.free_farm, 3),
    ("resold_plan", 8, A.resold_plan, 1),
    ("trial_relay", 20, A.trial_relay, 3),
    ("consumer_pipeline", 8, A.consumer_pipeline, 1),
]

CAST = BENIGN + ABUSIVE


def count(weight: int, n_accounts: int, minimum: int) -> int:
    return max(minimum, round(weight * n_accounts / 1000))
