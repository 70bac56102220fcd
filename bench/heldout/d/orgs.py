"""The organisations of set "d": two restricted rivals, a bank, platforms, a university, a contractor.

The rivals list what a real provider's intelligence team would list about them, which is the
trouble: besides their own office blocks, cards and SSO tenants, Condor Labs lists the cloud NAT
range its eval jobs egress from and the coworking floor its Lima team sits on, and Nimbus Foundry
lists the commercial VPN exit its staff use and a cloud region's NAT. Those ranges are shared with
many unrelated customers of set "d".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from world import CLOUD, VPN_EXITS, World


@dataclass
class Org:
    org_id: str
    name: str
    restricted: bool
    domains: list[str]
    zone: str
    offices: list[str] = field(default_factory=list)       # exclusive blocks (their own)
    shared_ranges: list[str] = field(default_factory=list)  # listed, but shared with others
    cards: list[str] = field(default_factory=list)
    sso: list[str] = field(default_factory=list)

    def entity(self) -> dict[str, object]:
        return {"org_id": self.org_id, "name": self.name, "restricted": self.restricted, "domains": self.domains,
                "ip_ranges": self.offices + self.shared_ranges, "payment_fingerprints": self.cards,
                "sso_tenants": self.sso}


COWORKING_LIMA = "190.117.36.0/26"      # a coworking floor in Miraflores, Lima
COWORKING_CDMX = "201.175.120.0/27"     # a coworking in Roma Norte, Mexico City
COWORKING_SP = "177.70.88.0/27"         # a coworking in Pinheiros, São Paulo


def make_orgs(world: World) -> dict[str, Org]:
    orgs = {
        "condor-labs": Org("condor-labs", "Condor Labs", True, ["condorlabs.ai", "condor-research.org"], "santiago",
                           offices=["200.54.140.32/28", "38.99.120.16/28"],
                           shared_ranges=[CLOUD["gcp-us-west1"], COWORKING_LIMA],
                           cards=[world.fingerprint(), world.fingerprint()], sso=["condorlabs.okta.com"]),
        "nimbus-foundry": Org("nimbus-foundry", "Nimbus Foundry Pte. Ltd.", True, ["nimbusfoundry.com", "nimbus-foundry.sg"],
                              "singapore", offices=["103.6.150.64/27"],
                              shared_ranges=[VPN_EXITS["nord-like-sin"], CLOUD["aws-ap-southeast-1"]],
                              cards=[world.fingerprint()], sso=["nimbusfoundry.onmicrosoft.com"]),
        "banco-austral": Org("banco-austral", "Banco Austral", False, ["bancoaustral.com.mx"], "mexico_city",
                             offices=["200.57.64.8/29"], sso=["bancoaustral.okta.com"], cards=[world.fingerprint()]),
        "carrizal": Org("carrizal", "Grupo Carrizal Retail", False, ["carrizal.com"], "monterrey",
                        offices=["187.141.12.16/29"], sso=["carrizal.onelogin.com"], cards=[world.fingerprint()]),
        "tessellate": Org("tessellate", "Tessellate IDE", False, ["tessellate.dev"], "los_angeles",
                          offices=["52.14.22.0/28"]),
        "forge": Org("forge", "Forge Agents", False, ["forge.run"], "new_york", offices=["35.231.40.0/28"]),
        "promptbazaar": Org("promptbazaar", "PromptBazaar", False, ["promptbazaar.com"], "sao_paulo",
                            offices=["54.207.16.0/28"]),
        "u-pacifico": Org("u-pacifico", "Universidad del Pacífico", False, ["up.edu.pe"], "lima",
                          offices=["200.37.20.0/24"]),
        "u-andes": Org("u-andes", "Universidad de los Andes", False, ["uniandes.edu.co"], "bogota",
                       offices=["157.253.0.0/20"]),
        "andes-dev": Org("andes-dev", "Andes Dev Partners", False, ["andesdev.co"], "bogota",
                         offices=["181.49.100.40/29"]),
    }
    world.entities = [o.entity() for o in orgs.values()]
    return orgs
