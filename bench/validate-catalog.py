#!/usr/bin/env python3
"""Check a generated benchmark catalog against Backstage's descriptor rules.

    python3 bench/validate-catalog.py [--catalog bench/data/catalog] [--sample 40 | --all]

Needs PyYAML (python3-yaml). What it checks:
  * the Location tree: catalog.yaml -> index files -> entity files, every file reached exactly once,
    every target exists and stays inside the catalog directory;
  * for every parsed entity (all files with --all, otherwise a seeded random sample of files):
    apiVersion/kind, metadata.name (^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$, <= 63),
    namespace (DNS label), tags ([a-z0-9:+#] sequences joined by '-', <= 63), annotation keys,
    required spec fields per kind with the right types, and that every entity reference
    (owner, system, domain, subdomainOf, providesApis, consumesApis, dependsOn, parent, children,
    members, memberOf) points to an entity that exists in the catalog;
  * across the whole catalog (cheap text scan of every file): kind+namespace+name unique
    case-insensitively, and the entity counts match manifest.json;
  * with --all: group parent/children and members/memberOf agree in both directions.
Exits 1 on any violation (the first 20 are printed).
"""

import argparse
import json
import os
import random
import re
import sys
import time

try:
    import yaml
    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is required: apt-get install python3-yaml (or pip install pyyaml)")

NAME_RE = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
NS_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TAG_RE = re.compile(r"^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")
KIND_RE = re.compile(r"^[a-zA-Z][a-z0-9A-Z]*$")
DNS_SUBDOMAIN_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
KINDS = {"Component", "API", "Resource", "System", "Domain", "Group", "User", "Location"}

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def valid_name(s):
    return isinstance(s, str) and 1 <= len(s) <= 63 and NAME_RE.match(s) is not None


def valid_key(k):
    """Label/annotation key: optional DNS-subdomain prefix (<= 253) + '/' + object name."""
    if not isinstance(k, str):
        return False
    if "/" in k:
        prefix, name = k.split("/", 1)
        return len(prefix) <= 253 and DNS_SUBDOMAIN_RE.match(prefix) is not None and valid_name(name)
    return valid_name(k)


def parse_ref(ref, default_kind, default_ns="default"):
    """Backstage parseEntityRef: [<kind>:][<namespace>/]<name>; returns lower-cased triple."""
    if not isinstance(ref, str) or not ref:
        return None
    colon, slash = ref.find(":"), ref.find("/")
    kind = default_kind
    rest = ref
    if colon != -1 and (slash == -1 or colon < slash):
        kind, rest = ref[:colon], ref[colon + 1:]
    ns = default_ns
    if "/" in rest:
        ns, rest = rest.split("/", 1)
    if not kind or not ns or not rest:
        return None
    return (kind.lower(), ns.lower(), rest.lower())


# Required spec fields: (field, type, required)
SPEC = {
    "Component": [("type", str, True), ("lifecycle", str, True), ("owner", str, True), ("system", str, False),
                  ("subcomponentOf", str, False), ("providesApis", list, False), ("consumesApis", list, False),
                  ("dependsOn", list, False), ("dependencyOf", list, False)],
    "API": [("type", str, True), ("lifecycle", str, True), ("owner", str, True), ("definition", str, True),
            ("system", str, False)],
    "Resource": [("type", str, True), ("owner", str, True), ("system", str, False), ("dependsOn", list, False),
                 ("dependencyOf", list, False)],
    "System": [("owner", str, True), ("domain", str, False), ("type", str, False)],
    "Domain": [("owner", str, True), ("subdomainOf", str, False), ("type", str, False)],
    "Group": [("type", str, True), ("children", list, True), ("parent", str, False), ("members", list, False),
              ("profile", dict, False)],
    "User": [("memberOf", list, True), ("profile", dict, False)],
    "Location": [("targets", list, False), ("target", str, False), ("type", str, False)],
}

# Reference fields: field -> default kind (None = kind must be given)
REFS = {
    "Component": {"owner": "group", "system": "system", "subcomponentOf": "component", "providesApis": "api",
                  "consumesApis": "api", "dependsOn": None, "dependencyOf": None},
    "API": {"owner": "group", "system": "system"},
    "Resource": {"owner": "group", "system": "system", "dependsOn": None, "dependencyOf": None},
    "System": {"owner": "group", "domain": "domain"},
    "Domain": {"owner": "group", "subdomainOf": "domain"},
    "Group": {"parent": "group", "children": "group", "members": "user"},
    "User": {"memberOf": "group"},
}


def scan_names(path):
    """Fast text scan of a generator-written file: yields (kind, name) per document."""
    kind = None
    with open(path) as fh:
        for line in fh:
            if line.startswith("kind: "):
                kind = line[6:].strip()
            elif line.startswith("  name: ") and kind:
                yield kind, line[8:].strip()
                kind = None


def check_entity(where, e, index):
    if not isinstance(e, dict):
        return err(where, "document is not a mapping")
    if e.get("apiVersion") != "backstage.io/v1alpha1":
        err(where, f"apiVersion {e.get('apiVersion')!r}")
    kind = e.get("kind")
    if not isinstance(kind, str) or not KIND_RE.match(kind) or kind not in KINDS:
        return err(where, f"kind {kind!r}")
    for forbidden in ("relations", "status"):
        if forbidden in e:
            err(where, f"descriptor must not contain {forbidden}")
    md = e.get("metadata")
    if not isinstance(md, dict):
        return err(where, "metadata missing")
    name = md.get("name")
    where = f"{where} {kind}:{name}"
    if not valid_name(name):
        err(where, f"invalid name {name!r}")
    ns = md.get("namespace", "default")
    if not (isinstance(ns, str) and 1 <= len(ns) <= 63 and NS_RE.match(ns)):
        err(where, f"invalid namespace {ns!r}")
    for field in ("title", "description"):
        if field in md and not isinstance(md[field], str):
            err(where, f"metadata.{field} not a string")
    tags = md.get("tags", [])
    if not isinstance(tags, list):
        err(where, "tags not a list")
    else:
        for t in tags:
            if not (isinstance(t, str) and 1 <= len(t) <= 63 and TAG_RE.match(t)):
                err(where, f"invalid tag {t!r}")
    for section in ("annotations", "labels"):
        m = md.get(section, {})
        if not isinstance(m, dict):
            err(where, f"{section} not a mapping")
            continue
        for k, v in m.items():
            if not valid_key(k):
                err(where, f"invalid {section} key {k!r}")
            if not isinstance(v, str):
                err(where, f"{section} value for {k!r} not a string")
    for link in md.get("links", []) or []:
        if not isinstance(link, dict) or not isinstance(link.get("url"), str) or "://" not in link["url"]:
            err(where, f"invalid link {link!r}")
    spec = e.get("spec")
    if not isinstance(spec, dict):
        return err(where, "spec missing")
    for field, typ, required in SPEC[kind]:
        if field not in spec:
            if required:
                err(where, f"spec.{field} required")
            continue
        if not isinstance(spec[field], typ):
            err(where, f"spec.{field} should be {typ.__name__}")
        elif typ is list and not all(isinstance(x, str) for x in spec[field]):
            err(where, f"spec.{field} items should be strings")
        elif typ is str and not spec[field]:
            err(where, f"spec.{field} empty")
    if index is not None:
        for field, default_kind in REFS.get(kind, {}).items():
            vals = spec.get(field)
            if vals is None:
                continue
            for v in (vals if isinstance(vals, list) else [vals]):
                ref = parse_ref(v, default_kind, ns)
                if ref is None:
                    err(where, f"spec.{field}: unparsable ref {v!r} (kind required: {default_kind is None})")
                elif ref not in index:
                    err(where, f"spec.{field}: {v!r} -> {ref[0]}:{ref[1]}/{ref[2]} does not exist")
    return kind


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--catalog", default=os.path.join(here, "data", "catalog"))
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--sample", type=int, default=40, help="number of entity files to parse (seeded random)")
    g.add_argument("--all", action="store_true", help="parse every file")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.monotonic()
    root_dir = os.path.realpath(args.catalog)

    # 1. Location tree.
    seen_files = {}
    location_entities = []
    entity_files = []

    # Parse Location files fully but entity files lazily: detect by the first 'kind:' line.
    def is_location(path):
        with open(path) as fh:
            for line in fh:
                if line.startswith("kind: "):
                    return line.strip() == "kind: Location"
        return False

    def walk_tree(rel_path):
        path = os.path.realpath(os.path.join(root_dir, rel_path))
        if not path.startswith(root_dir + os.sep):
            return err(rel_path, "target escapes the catalog directory")
        if not os.path.isfile(path):
            return err(rel_path, "target does not exist")
        if path in seen_files:
            return err(rel_path, "file reached twice")
        seen_files[path] = rel_path
        if is_location(path):
            with open(path) as fh:
                docs = [d for d in yaml.load_all(fh, Loader=Loader) if d is not None]
            if len(docs) != 1:
                err(rel_path, "Location file should hold exactly one document")
            loc = docs[0]
            location_entities.append(loc)
            check_entity(rel_path, loc, None)
            base = os.path.dirname(rel_path)
            for t in loc.get("spec", {}).get("targets", []):
                walk_tree(os.path.normpath(os.path.join(base, t)))
        else:
            entity_files.append(rel_path)

    walk_tree("catalog.yaml")
    on_disk = set()
    for dirpath, _, names in os.walk(root_dir):
        for n in names:
            if n.endswith(".yaml"):
                on_disk.add(os.path.realpath(os.path.join(dirpath, n)))
    for p in sorted(on_disk - set(seen_files)):
        err(os.path.relpath(p, root_dir), "YAML file not reachable from catalog.yaml")

    # 2. Name index over every file (text scan) + uniqueness.
    index = {}
    counts = {}
    for loc in location_entities:
        key = ("location", "default", loc["metadata"]["name"].lower())
        index[key] = "index"
        counts["Location"] = counts.get("Location", 0) + 1
    for rel in entity_files:
        for kind, name in scan_names(os.path.join(root_dir, rel)):
            key = (kind.lower(), "default", name.lower())
            if key in index:
                err(rel, f"duplicate entity {kind}:{name} (also in {index[key]})")
            index[key] = rel
            counts[kind] = counts.get(kind, 0) + 1

    # 3. Parse and check entity files.
    files = sorted(entity_files)
    if not args.all:
        files = sorted(random.Random(args.seed).sample(files, min(args.sample, len(files))))
    parsed = 0
    groups, users = {}, {}
    for rel in files:
        with open(os.path.join(root_dir, rel)) as fh:
            docs = [d for d in yaml.load_all(fh, Loader=Loader) if d is not None]
        scanned = list(scan_names(os.path.join(root_dir, rel)))
        if [(d.get("kind"), d.get("metadata", {}).get("name")) for d in docs] != scanned:
            err(rel, "text scan and YAML parse disagree")
        for d in docs:
            kind = check_entity(rel, d, index)
            parsed += 1
            if kind == "Group":
                groups[d["metadata"]["name"]] = d["spec"]
            elif kind == "User":
                users[d["metadata"]["name"]] = d["spec"]

    # 4. Whole-catalog consistency of the group graph.
    if args.all:
        for gname, spec in groups.items():
            for c in spec.get("children", []):
                if groups.get(c, {}).get("parent") != gname:
                    err(f"Group:{gname}", f"child {c} does not name it as parent")
            if spec.get("parent") and gname not in groups.get(spec["parent"], {}).get("children", []):
                err(f"Group:{gname}", f"parent {spec['parent']} does not list it as a child")
            for m in spec.get("members", []):
                if gname not in users.get(m, {}).get("memberOf", []):
                    err(f"Group:{gname}", f"member {m} lacks memberOf")
        roots = [g for g, s in groups.items() if "parent" not in s]
        if len(roots) != 1:
            err("groups", f"expected exactly one root group, found {len(roots)}")

    # 5. Manifest.
    manifest_path = os.path.join(os.path.dirname(root_dir), "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as fh:
            manifest = json.load(fh)
        if manifest.get("counts") != counts:
            err("manifest.json", f"counts {manifest.get('counts')} != scanned {counts}")
        if manifest.get("expectedEntities") != sum(counts.values()):
            err("manifest.json", "expectedEntities does not match the catalog")

    total = sum(counts.values())
    print(f"catalog: {root_dir}")
    print(f"files: {len(seen_files)} ({len(location_entities)} Location files, {len(entity_files)} entity files)")
    print("entities: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())) + f"; total {total:,}")
    print(f"parsed and checked: {parsed:,} entities in {len(files)} files"
          f"{' (all)' if args.all else ' (sample, seed %d)' % args.seed}; "
          f"references resolved against all {len(index):,} names")
    print(f"elapsed: {time.monotonic() - t0:.1f} s")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors[:20]:
            print("  " + e)
        return 1
    print("OK: no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
