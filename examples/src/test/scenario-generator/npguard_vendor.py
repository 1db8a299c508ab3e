"""Vendors np-guard/netpol-analyzer test inputs (Apache-2.0) for NpGuardConnlistTest.

python3 npguard_vendor.py <netpol-analyzer git dir> <commit> ../resources/npguard

Copies, unmodified, each case's Kubernetes inputs (tests/<case>/*.yaml|yml|json) and its expected connectivity
(test_outputs/connlist/<case>_connlist_output.txt), and writes cases.tsv: one line per case, its expected file, then its
input files (a file whose content another case already vendored is named by that first path, not copied again).
"""
import os, subprocess, sys

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
# Left out: semanticDiff-same-topologies-* (every pod is hostNetwork: NetworkPolicy is undefined for them, nothing to
# ask), ipblockstest_4 (a 2.6 MB connlist)
CASES = """onlineboutique test_with_named_ports
test_with_named_ports_changed_netpol test_with_named_ports_changed_netpol_2 with_end_port_example ipblockstest
ipblockstest_2 ipblockstest_3 minimal_test_in_ns netpol-analysis-example-minimal
core_pods_without_host_ip semanticDiff-orig-topologies-policy-a semanticDiff-orig-topologies-no-policy
semanticDiff-different-topologies-policy-a semanticDiff-different-topologies-policy-b
semanticDiff-different-topologies-policy-a-with-ipblock semanticDiff-different-topologies-policy-b-with-ipblock
acs-security-demos netpol_named_port_test netpol_named_port_test_2 new_online_boutique onlineboutique_workloads
minikube_resources""".split()


def git(*args):
    return subprocess.run(["git", "--git-dir", GIT] + list(args), check=True, capture_output=True).stdout


seen = {}
lines = ["# np-guard/netpol-analyzer (https://github.com/np-guard/netpol-analyzer, Apache-2.0) commit " + COMMIT,
         "# case<TAB>expected connlist<TAB>input files (paths under this directory)"]
for case in CASES:
    files = []
    for row in git("ls-tree", "-r", COMMIT, "tests/" + case).decode().splitlines():
        meta, path = row.split("\t")
        blob = meta.split()[2]
        if not path.endswith((".yaml", ".yml", ".json")) or "connlist" in path or "connections" in path:
            continue
        if blob not in seen:
            seen[blob] = path
            os.makedirs(os.path.join(OUT, os.path.dirname(path)), exist_ok=True)
            open(os.path.join(OUT, path), "wb").write(git("cat-file", "blob", blob))
        files.append(seen[blob])
    expected = "test_outputs/connlist/%s_connlist_output.txt" % case
    os.makedirs(os.path.join(OUT, os.path.dirname(expected)), exist_ok=True)
    open(os.path.join(OUT, expected), "wb").write(git("show", COMMIT + ":" + expected))
    lines.append("\t".join([case, expected] + files))
open(os.path.join(OUT, "cases.tsv"), "w").write("\n".join(lines) + "\n")
