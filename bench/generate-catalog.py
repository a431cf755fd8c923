#!/usr/bin/env python3
"""Generate a large, deterministic, Backstage-valid catalog for Atrium's benchmarks.

Default (scale 1.0) counts, 280,000 entities plus the Location entities of the index files:

    Component 100,000   (service 50% / library 35% / website 15%)
    API        60,000   (each provided by exactly one service; openapi/asyncapi/graphql/grpc)
    Resource   40,000   (8 per system: database, s3-bucket, kafka-topic, ...)
    System      5,000   (20 components, 12 APIs and 8 resources each, 10 per domain)
    Domain        500   (10% are sub-domains of another domain)
    Group       4,500   (1 root org, 15 business units, 150 product areas, 4,334 teams)
    User       70,000   (each member of one team, 10% of two)
    Location       11   (catalog.yaml plus 10 index-NN.yaml files)

Layout written to --out (default bench/data/catalog):

    catalog.yaml                    kind: Location, targets ./index-01.yaml ... ./index-10.yaml
    index-NN.yaml                   kind: Location, targets ~56 entity files each (round-robin)
    <kind>/<kind>-NNNN.yaml         multi-document YAML, --per-file entities each (default 500)

and next to it (in the parent of --out): names.txt (component names, one a line, used by the
load driver's by-name scenario) and manifest.json (counts, expected total, sample refs).

The output is a pure function of --seed and --scale (no timestamps), so two runs are identical.
Only the Python standard library is used; YAML is written by hand (strings JSON-quoted, which
is valid YAML). Use bench/validate-catalog.py (needs PyYAML) to check the output.
"""

import argparse
import json
import os
import random
import shutil
import sys
import time

BASE_COUNTS = {
    "Domain": 500,
    "System": 5_000,
    "Group": 4_500,
    "User": 70_000,
    "Component": 100_000,
    "API": 60_000,
    "Resource": 40_000,
}

# Vocabulary: plenty of distinct words so full-text search has something to chew on.
ADJECTIVES = """agile amber ancient arctic atomic azure bold brave breezy bright brisk calm candid
cedar clever cobalt coral cosmic crimson crisp curious daring dawn deep delta dusty eager early
electric elegant emerald epic fair fast fierce fluent frosty gentle giant glad golden grand
granite green happy hidden hollow honest humble icy indigo iron jade jolly keen kind lively
lucky lunar magnetic marble mellow merry mighty misty modern noble nimble north oaken ocean
olive orange pale patient polar proud purple quick quiet rapid rare red regal rocky royal
rustic sandy scarlet shiny silent silver simple sleek smooth solar solid sonic spare spry
stable steady stellar stormy sturdy sunny swift tidal tiny topaz tranquil true urban velvet
vivid warm wild windy wise witty young zesty""".split()

NOUNS = """account address alert analytics archive artist asset audit avatar badge balance basket
batch beacon billing blob booking bridge broker budget bundle cache calendar campaign cart
catalog channel chart checkout claim cluster comment config consent contract coupon course
credit cursor customer dashboard dataset deal delivery device digest discount dispatch
document domain draft email engine event export feature feed fleet flow forecast form gateway
gift graph health history identity image import inbox incident index invoice issue item job
journal kernel label ledger license limit listing loan locale lock log loyalty mailer manifest
map market media member menu merchant message meter metric mirror model monitor notice
notification offer onboarding order outbox package page parcel partner payment payout
permission pipeline planner player playlist podcast policy portal preference price printer
profile promo proxy query queue quota quote rating receipt recommendation record refund
region registry release reminder report request reservation review reward risk role route
rule sample schedule schema score search secret segment sensor session settlement shard
shipment signal sitemap slot snapshot song store stream subscription survey sync tag task
tax template tenant ticket token topic tracker trade transfer translation trip upload usage
vault vendor video voucher wallet warehouse webhook widget wishlist workflow""".split()

VERBS = """aggregates archives audits authorizes balances batches broadcasts buffers builds
caches calculates captures catalogs checks collects compiles compresses computes correlates
deduplicates delivers detects dispatches distributes encrypts enriches estimates evaluates
exports filters forecasts formats generates groups harmonizes imports indexes ingests
invalidates joins labels merges migrates monitors normalizes notifies orchestrates paginates
parses persists predicts prioritizes publishes reconciles redacts renders replicates reports
resolves routes samples scores schedules serves shards signs stores streams summarizes
synchronizes throttles tracks transforms translates validates verifies""".split()

QUALIFIERS = """for internal teams | for mobile clients | in real time | with strict ordering |
behind the edge gateway | for the partner network | across regions | during nightly batches |
with idempotent retries | under heavy load | for compliance reporting | with audit trails |
for the web storefront | for finance operations | with low latency | for data science |
using event sourcing | with graceful degradation | for customer support tooling |
through the message bus"""
QUALIFIERS = [" ".join(x.split()) for x in QUALIFIERS.split("|")]

FIRST_NAMES = """ada alan alice amara ana andrei anika arjun astrid ben bianca carlos chen chloe
dana daniel david diego elena eli emma erik esra fatima felix freya gabriel grace hana hassan
ibrahim ida ines isaac ivan jakob james jana jia jonas julia kai karin kenji lara leo lina
lucas luca maria marta mateo maya mei mila mohammed nadia nina noah nora olga omar oscar paula
pedro priya rafael ravi rosa sami sara sofia sven tara theo tomas uma vera victor wei yara
yusuf zara zoe""".split()

LAST_NAMES = """abara adams alvarez andersen baker berg brown castro chen costa dubois eriksson
evans fischer garcia gomez gonzalez hansen hoffmann ivanova jensen johnson kim kowalski kumar
larsen lee lopez martin meyer miller moreau muller nakamura nguyen novak okafor olsen park
patel perez petrov quinn rossi sato schmidt silva singh smith suzuki tanaka taylor thomas
torres wagner walker wang weber wilson wong yamamoto yilmaz zhang""".split()

TAGS = """java kotlin python go rust typescript javascript scala ruby c++ c# node spring react grpc
rest graphql kafka postgres mysql redis elasticsearch kubernetes terraform aws gcp azure
tier-1 tier-2 tier-3 pci gdpr sox pii critical internal external beta legacy batch
streaming frontend backend mobile ml data observability security platform""".split()

RESOURCE_TYPES = [("database", "db"), ("s3-bucket", "bucket"), ("kafka-topic", "topic"),
                  ("redis-cache", "cache"), ("kubernetes-cluster", "k8s"), ("queue", "queue"),
                  ("search-index", "idx"), ("object-store", "store")]
API_TYPES = ["openapi", "openapi", "openapi", "asyncapi", "graphql", "grpc"]
LIFECYCLES = ["production"] * 7 + ["experimental"] * 2 + ["deprecated"]
SYSTEM_TYPES = ["product", "platform", "internal", "integration"]
DOMAIN_TYPES = ["business", "technical"]

NAME_MAX = 63


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=True)


class Gen:
    def __init__(self, seed, scale, per_file, indexes, git_host):
        self.r = random.Random(seed)
        self.seed = seed
        self.scale = scale
        self.per_file = per_file
        self.indexes = indexes
        self.git_host = git_host
        self.n = {k: max(1, round(v * scale)) for k, v in BASE_COUNTS.items()}

    # ---------- helpers ----------
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def skewed(self, n):
        """Index in [0, n) skewed towards 0 (a few popular targets, long tail)."""
        return min(n - 1, int(n * (self.r.random() ** 3)))

    def sentence(self, subject):
        r = self.r
        words = [self.pick(ADJECTIVES).capitalize(), subject, "that", self.pick(VERBS),
                 self.pick(NOUNS), "and", self.pick(NOUNS), "records", self.pick(QUALIFIERS)]
        text = " ".join(words) + "."
        if r.random() < 0.5:
            text += " Also " + self.pick(VERBS) + " " + self.pick(ADJECTIVES) + " " + \
                self.pick(NOUNS) + " data " + self.pick(QUALIFIERS) + "."
        return text

    def tags(self, lo, hi):
        k = self.r.randint(lo, hi)
        return sorted(set(self.r.sample(TAGS, k)))

    # ---------- model ----------
    def build(self):
        r = self.r
        n = self.n
        # Groups: root org -> business units -> product areas -> teams.
        g_total = n["Group"]
        n_bu = max(1, round(g_total * 15 / 4500))
        n_pa = max(1, round(g_total * 150 / 4500))
        n_team = max(1, g_total - 1 - n_bu - n_pa)
        self.root = "acme"
        self.bus = [f"bu-{w}" for w in self._unique_words(NOUNS, n_bu)]
        self.pas = [f"pa-{self.pick(NOUNS)}-{i:03d}" for i in range(n_pa)]
        self.teams = [f"team-{self.pick(ADJECTIVES)}-{self.pick(NOUNS)}-{i:04d}" for i in range(n_team)]
        self.pa_parent = [self.bus[i % n_bu] for i in range(n_pa)]
        self.team_parent = [i % n_pa for i in range(n_team)]  # index into pas
        self.pa_teams = [[] for _ in range(n_pa)]
        for t, p in enumerate(self.team_parent):
            self.pa_teams[p].append(t)

        # Users: one primary team each, 10% in a second team.
        n_user = n["User"]
        self.users = [f"{self.pick(FIRST_NAMES)}.{self.pick(LAST_NAMES)}-{i:05d}" for i in range(n_user)]
        self.user_teams = []
        self.team_members = [[] for _ in range(n_team)]
        for u in range(n_user):
            ts = [u % n_team]
            if r.random() < 0.10 and n_team > 1:
                other = r.randrange(n_team)
                if other != ts[0]:
                    ts.append(other)
            self.user_teams.append(ts)
            for t in ts:
                self.team_members[t].append(u)

        # Domains, owned by product areas; 10% are sub-domains of one of the first 10%.
        n_dom = n["Domain"]
        self.domains = [f"{self.pick(NOUNS)}-domain-{i:03d}" for i in range(n_dom)]
        self.domain_pa = [i % n_pa for i in range(n_dom)]
        head = max(1, n_dom // 10)
        self.domain_parent = [None] * n_dom
        for i in range(head, n_dom):
            if r.random() < 0.10:
                self.domain_parent[i] = r.randrange(head)

        # Systems: spread evenly over domains; owned by a team of the domain's product area.
        n_sys = n["System"]
        self.systems = [f"{self.pick(ADJECTIVES)}-{self.pick(NOUNS)}-system-{i:04d}" for i in range(n_sys)]
        self.system_domain = [i % n_dom for i in range(n_sys)]
        self.system_owner = []
        for s in range(n_sys):
            pa = self.domain_pa[self.system_domain[s]]
            cands = self.pa_teams[pa] or [r.randrange(n_team)]
            self.system_owner.append(self.pick(cands))

        # Components: contiguous blocks per system.
        n_comp = n["Component"]
        self.comp_type, self.comp_system, self.comp_owner, self.comps = [], [], [], []
        for i in range(n_comp):
            x = r.random()
            ctype = "service" if x < 0.50 else ("library" if x < 0.85 else "website")
            s = i * n_sys // n_comp
            owner = self.system_owner[s]
            if r.random() < 0.2:
                pa = self.team_parent[owner]
                owner = self.pick(self.pa_teams[pa])
            base = f"{self.pick(ADJECTIVES)}-{self.pick(NOUNS)}"
            if ctype == "library":
                name = (f"{base.replace('-', '_')}.lib-{i:06d}" if r.random() < 0.3
                        else f"{base}-lib-{i:06d}")
            elif ctype == "website":
                name = f"{base}-web-{i:06d}"
            else:
                name = f"{base}-{self.pick(['service', 'svc', 'worker', 'api', 'backend'])}-{i:06d}"
            self.comps.append(name)
            self.comp_type.append(ctype)
            self.comp_system.append(s)
            self.comp_owner.append(owner)
        self.services = [i for i, t in enumerate(self.comp_type) if t == "service"]
        self.libraries = [i for i, t in enumerate(self.comp_type) if t == "library"]
        if not self.services:
            self.services = [0]
            self.comp_type[0] = "service"
        if not self.libraries:
            self.libraries = [len(self.comps) - 1]

        # APIs: api j provided by service services[j % len]; same system/owner as its provider.
        n_api = n["API"]
        self.apis, self.api_provider, self.api_type = [], [], []
        self.comp_provides = {}
        self.domain_apis = [[] for _ in range(n_dom)]
        for j in range(n_api):
            prov = self.services[j % len(self.services)]
            at = self.pick(API_TYPES)
            suffix = {"openapi": "rest", "asyncapi": "events", "graphql": "graphql", "grpc": "grpc"}[at]
            self.apis.append(f"{self.pick(NOUNS)}-{self.pick(NOUNS)}-{suffix}-{j:05d}")
            self.api_provider.append(prov)
            self.api_type.append(at)
            self.comp_provides.setdefault(prov, []).append(j)
            self.domain_apis[self.system_domain[self.comp_system[prov]]].append(j)

        # Resources: contiguous blocks per system.
        n_res = n["Resource"]
        self.resources, self.res_type, self.res_system = [], [], []
        self.system_resources = [[] for _ in range(n_sys)]
        for k in range(n_res):
            s = k * n_sys // n_res
            rt, abbr = self.pick(RESOURCE_TYPES)
            self.resources.append(f"{self.pick(NOUNS)}-{abbr}-{k:05d}")
            self.res_type.append(rt)
            self.res_system.append(s)
            self.system_resources[s].append(k)

    def _unique_words(self, words, k):
        out = list(words)
        self.r.shuffle(out)
        if k <= len(out):
            return out[:k]
        return [f"{out[i % len(out)]}-{i}" for i in range(k)]

    # ---------- YAML writers (each returns one document, without the '---') ----------
    def _meta(self, out, name, description=None, title=None, tags=None, annotations=None, links=None):
        out.append("metadata:")
        out.append(f"  name: {name}")
        if title:
            out.append(f"  title: {q(title)}")
        if description:
            out.append(f"  description: {q(description)}")
        if tags:
            out.append("  tags:")
            out.extend(f"    - {q(t)}" for t in tags)
        if annotations:
            out.append("  annotations:")
            out.extend(f"    {k}: {q(v)}" for k, v in annotations.items())
        if links:
            out.append("  links:")
            for l in links:
                out.append(f"    - url: {q(l['url'])}")
                out.append(f"      title: {q(l['title'])}")

    @staticmethod
    def _list(out, key, items, indent="  "):
        if items is None:
            return
        if not items:
            out.append(f"{indent}{key}: []")
            return
        out.append(f"{indent}{key}:")
        out.extend(f"{indent}  - {v}" for v in items)

    def _source(self, name):
        repo = f"https://{self.git_host}/acme/{name}/"
        return {"backstage.io/source-location": f"url:{repo}",
                "github.com/project-slug": f"acme/{name}"}

    def doc_domain(self, i):
        r = self.r
        out = ["apiVersion: backstage.io/v1alpha1", "kind: Domain"]
        name = self.domains[i]
        self._meta(out, name, description=self.sentence("domain"),
                   title=name.split("-")[0].capitalize() + " domain", tags=self.tags(0, 2))
        out.append("spec:")
        out.append(f"  owner: {self.pas[self.domain_pa[i]]}")
        out.append(f"  type: {self.pick(DOMAIN_TYPES)}")
        if self.domain_parent[i] is not None:
            out.append(f"  subdomainOf: {self.domains[self.domain_parent[i]]}")
        return out

    def doc_system(self, s):
        out = ["apiVersion: backstage.io/v1alpha1", "kind: System"]
        self._meta(out, self.systems[s], description=self.sentence("system"), tags=self.tags(0, 3))
        out.append("spec:")
        out.append(f"  owner: {self.teams[self.system_owner[s]]}")
        out.append(f"  domain: {self.domains[self.system_domain[s]]}")
        out.append(f"  type: {self.pick(SYSTEM_TYPES)}")
        return out

    def doc_group(self, kind_index):
        """kind_index enumerates root, bus, pas, teams in order."""
        n_bu, n_pa = len(self.bus), len(self.pas)
        out = ["apiVersion: backstage.io/v1alpha1", "kind: Group"]
        if kind_index == 0:
            name, gtype, parent, children, members = self.root, "root", None, self.bus, []
            display = "ACME Corporation"
        elif kind_index <= n_bu:
            b = kind_index - 1
            name, gtype, parent = self.bus[b], "business-unit", self.root
            children = [self.pas[p] for p in range(n_pa) if self.pa_parent[p] == name]
            members = []
            display = name[3:].capitalize() + " business unit"
        elif kind_index <= n_bu + n_pa:
            p = kind_index - 1 - n_bu
            name, gtype, parent = self.pas[p], "product-area", self.pa_parent[p]
            children = [self.teams[t] for t in self.pa_teams[p]]
            members = []
            display = name.split("-")[1].capitalize() + " product area " + name.split("-")[2]
        else:
            t = kind_index - 1 - n_bu - n_pa
            name, gtype, parent = self.teams[t], "team", self.pas[self.team_parent[t]]
            children = []
            members = [self.users[u] for u in self.team_members[t]]
            parts = name.split("-")
            display = f"{parts[1].capitalize()} {parts[2].capitalize()} team {parts[3]}"
        self._meta(out, name, description=f"{display}: " + self.sentence("team"))
        out.append("spec:")
        out.append(f"  type: {gtype}")
        out.append("  profile:")
        out.append(f"    displayName: {q(display)}")
        out.append(f"    email: {q(name + '@acme.example.com')}")
        if parent:
            out.append(f"  parent: {parent}")
        self._list(out, "children", children)
        if members:
            self._list(out, "members", members)
        return out

    def doc_user(self, u):
        name = self.users[u]
        first, rest = name.split(".", 1)
        last = rest.rsplit("-", 1)[0]
        display = f"{first.capitalize()} {last.capitalize()}"
        out = ["apiVersion: backstage.io/v1alpha1", "kind: User"]
        self._meta(out, name)
        out.append("spec:")
        out.append("  profile:")
        out.append(f"    displayName: {q(display)}")
        out.append(f"    email: {q(name.replace('-', '.') + '@acme.example.com')}")
        self._list(out, "memberOf", [self.teams[t] for t in self.user_teams[u]])
        return out

    def doc_component(self, i):
        r = self.r
        name, ctype = self.comps[i], self.comp_type[i]
        s = self.comp_system[i]
        out = ["apiVersion: backstage.io/v1alpha1", "kind: Component"]
        ann = self._source(name)
        if r.random() < 0.3:
            ann["backstage.io/techdocs-ref"] = "dir:."
        links = None
        if r.random() < 0.2:
            links = [{"url": f"https://runbooks.acme.example.com/{name}", "title": "Runbook"}]
        subject = {"service": "service", "website": "website", "library": "library"}[ctype]
        self._meta(out, name, description=self.sentence(subject), tags=self.tags(1, 4),
                   annotations=ann, links=links)
        out.append("spec:")
        out.append(f"  type: {ctype}")
        out.append(f"  lifecycle: {self.pick(LIFECYCLES)}")
        if r.random() < 0.03:
            u = self.pick(self.team_members[self.comp_owner[i]]) if self.team_members[self.comp_owner[i]] else 0
            out.append(f"  owner: user:{self.users[u]}")
        else:
            out.append(f"  owner: {self.teams[self.comp_owner[i]]}")
        out.append(f"  system: {self.systems[s]}")
        provides = self.comp_provides.get(i)
        if provides:
            self._list(out, "providesApis", [self.apis[j] for j in provides])
        if ctype in ("service", "website"):
            k = self.pick([0, 1, 1, 2, 2, 3, 4])
            consumes = set()
            dom_apis = self.domain_apis[self.system_domain[s]]
            for _ in range(k):
                if dom_apis and r.random() < 0.7:
                    j = self.pick(dom_apis)
                else:
                    j = self.skewed(len(self.apis))
                if self.api_provider[j] != i:
                    consumes.add(j)
            if consumes:
                self._list(out, "consumesApis", [self.apis[j] for j in sorted(consumes)])
        deps = []
        for _ in range(self.pick([0, 1, 1, 2, 3])):
            lib = self.libraries[self.skewed(len(self.libraries))]
            if lib != i:
                deps.append(f"component:{self.comps[lib]}")
        if ctype == "service":
            res = self.system_resources[s]
            for _ in range(self.pick([0, 1, 1, 2])):
                if res:
                    deps.append(f"resource:{self.resources[self.pick(res)]}")
        if deps:
            self._list(out, "dependsOn", sorted(set(deps)))
        return out

    def api_definition(self, j):
        name, at = self.apis[j], self.api_type[j]
        noun = name.split("-")[0]
        cap = noun.capitalize()
        if at == "openapi":
            return ["openapi: 3.0.3", "info:", f"  title: {name}", "  version: 1.0.0", "paths:",
                    f"  /{noun}s:", "    get:", f"      summary: List {noun}s", "      responses:",
                    "        '200':", "          description: OK"]
        if at == "asyncapi":
            return ["asyncapi: 2.6.0", "info:", f"  title: {name}", "  version: 1.0.0", "channels:",
                    f"  {noun}.events:", "    subscribe:", "      message:",
                    f"        name: {cap}Changed"]
        if at == "graphql":
            return ["type Query {", f"  {noun}(id: ID!): {cap}", "}", f"type {cap} {{", "  id: ID!", "}"]
        return ['syntax = "proto3";', f"service {cap}Service {{",
                f"  rpc Get{cap} (Get{cap}Request) returns ({cap});", "}"]

    def doc_api(self, j):
        r = self.r
        name = self.apis[j]
        prov = self.api_provider[j]
        out = ["apiVersion: backstage.io/v1alpha1", "kind: API"]
        self._meta(out, name, description=self.sentence(f"{self.api_type[j]} API"), tags=self.tags(0, 3),
                   annotations=self._source(self.comps[prov]))
        out.append("spec:")
        out.append(f"  type: {self.api_type[j]}")
        out.append(f"  lifecycle: {self.pick(LIFECYCLES)}")
        out.append(f"  owner: {self.teams[self.comp_owner[prov]]}")
        out.append(f"  system: {self.systems[self.comp_system[prov]]}")
        out.append("  definition: |")
        out.extend("    " + line for line in self.api_definition(j))
        return out

    def doc_resource(self, k):
        r = self.r
        s = self.res_system[k]
        out = ["apiVersion: backstage.io/v1alpha1", "kind: Resource"]
        self._meta(out, self.resources[k], description=self.sentence(self.res_type[k].replace("-", " ")),
                   tags=self.tags(0, 2))
        out.append("spec:")
        out.append(f"  type: {self.res_type[k]}")
        out.append(f"  owner: {self.teams[self.system_owner[s]]}")
        out.append(f"  system: {self.systems[s]}")
        if self.res_type[k] != "kubernetes-cluster" and r.random() < 0.15:
            others = [o for o in self.system_resources[s] if o != k and self.res_type[o] == "kubernetes-cluster"]
            if others:
                self._list(out, "dependsOn", [f"resource:{self.resources[others[0]]}"])
        return out

    # ---------- output ----------
    def write(self, out_dir):
        kinds = [  # (kind, directory, count, writer)
            ("Domain", "domains", len(self.domains), self.doc_domain),
            ("System", "systems", len(self.systems), self.doc_system),
            ("Group", "groups", 1 + len(self.bus) + len(self.pas) + len(self.teams), self.doc_group),
            ("User", "users", len(self.users), self.doc_user),
            ("Component", "components", len(self.comps), self.doc_component),
            ("API", "apis", len(self.apis), self.doc_api),
            ("Resource", "resources", len(self.resources), self.doc_resource),
        ]
        files = []  # relative paths
        counts = {}
        total_bytes = 0
        for kind, sub, count, writer in kinds:
            counts[kind] = count
            os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
            nfiles = (count + self.per_file - 1) // self.per_file
            for f in range(nfiles):
                rel = f"{sub}/{sub}-{f + 1:04d}.yaml"
                docs = []
                for i in range(f * self.per_file, min(count, (f + 1) * self.per_file)):
                    lines = writer(i)
                    docs.append("\n".join(lines))
                data = ("---\n" + "\n---\n".join(docs) + "\n").encode("ascii")
                with open(os.path.join(out_dir, rel), "wb") as fh:
                    fh.write(data)
                total_bytes += len(data)
                files.append(rel)

        # Index locations: files distributed round-robin so each index mixes kinds.
        n_idx = max(1, min(self.indexes, len(files)))
        index_names = []
        for x in range(n_idx):
            rel = f"index-{x + 1:02d}.yaml"
            targets = files[x::n_idx]
            out = ["apiVersion: backstage.io/v1alpha1", "kind: Location", "metadata:",
                   f"  name: bench-index-{x + 1:02d}",
                   f"  description: {q(f'Benchmark catalog index {x + 1} of {n_idx} ({len(targets)} files)')}",
                   "spec:", "  targets:"]
            out.extend(f"    - ./{t}" for t in targets)
            data = ("\n".join(out) + "\n").encode("ascii")
            with open(os.path.join(out_dir, rel), "wb") as fh:
                fh.write(data)
            total_bytes += len(data)
            index_names.append(rel)
        out = ["apiVersion: backstage.io/v1alpha1", "kind: Location", "metadata:", "  name: bench-root",
               f"  description: {q('Atrium benchmark catalog root (generated by bench/generate-catalog.py)')}",
               "spec:", "  targets:"]
        out.extend(f"    - ./{t}" for t in index_names)
        data = ("\n".join(out) + "\n").encode("ascii")
        with open(os.path.join(out_dir, "catalog.yaml"), "wb") as fh:
            fh.write(data)
        total_bytes += len(data)
        counts["Location"] = n_idx + 1
        return counts, files, index_names, total_bytes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "data", "catalog"),
                    help="catalog directory (default bench/data/catalog); names.txt and "
                         "manifest.json go to its parent")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every count (0.01 = smoke catalog)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--per-file", type=int, default=500, help="entities per YAML file")
    ap.add_argument("--indexes", type=int, default=10, help="number of index Location files")
    ap.add_argument("--git-host", default="git.acme.example.com", help="host used in source-location annotations")
    args = ap.parse_args()
    if args.scale <= 0 or args.per_file <= 0 or args.indexes <= 0:
        ap.error("--scale, --per-file and --indexes must be positive")

    out_dir = os.path.abspath(args.out)
    parent = os.path.dirname(out_dir)
    t0 = time.monotonic()
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)

    g = Gen(args.seed, args.scale, args.per_file, args.indexes, args.git_host)
    g.build()
    counts, files, indexes, total_bytes = g.write(out_dir)

    with open(os.path.join(parent, "names.txt"), "w") as fh:
        fh.write("\n".join(g.comps) + "\n")
    elapsed = time.monotonic() - t0

    total = sum(counts.values())
    manifest = {
        "generator": "bench/generate-catalog.py",
        "seed": args.seed,
        "scale": args.scale,
        "perFile": args.per_file,
        "catalogDir": out_dir,
        "root": os.path.join(out_dir, "catalog.yaml"),
        "counts": counts,
        "entitiesExcludingLocations": total - counts["Location"],
        "expectedEntities": total,
        "entityFiles": len(files),
        "indexFiles": len(indexes),
        "bytes": total_bytes,
        "namesFile": os.path.join(parent, "names.txt"),
        # Written last in the last file of its index: a good "is everything processed" probe.
        "sampleRefs": {
            "firstComponent": f"component:default/{g.comps[0]}",
            "lastComponent": f"component:default/{g.comps[-1]}",
            "lastApi": f"api:default/{g.apis[-1]}",
            "lastUser": f"user:default/{g.users[-1]}",
        },
    }
    with open(os.path.join(parent, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")

    width = max(len(k) for k in counts)
    print(f"Catalog written to {out_dir} (seed {args.seed}, scale {args.scale})")
    for k in ["Component", "API", "Resource", "System", "Domain", "Group", "User", "Location"]:
        print(f"  {k:<{width}} {counts[k]:>9,}")
    print(f"  {'total':<{width}} {total:>9,}  ({total - counts['Location']:,} excluding Locations)")
    print(f"  files: {len(files)} entity files + {len(indexes)} index Locations + catalog.yaml")
    print(f"  bytes: {total_bytes:,} ({total_bytes / 1048576:.1f} MiB)")
    print(f"  names: {len(g.comps):,} component names in {os.path.join(parent, 'names.txt')}")
    print(f"  manifest: {os.path.join(parent, 'manifest.json')}")
    print(f"  elapsed: {elapsed:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
