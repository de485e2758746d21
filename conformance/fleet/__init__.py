"""The conformance suite over a fleet of machines on Ray: what a node offers (offers.py) and how cases are
placed on the nodes and their results gathered (dispatch.py). `pantile-node` (conformance/node.py) starts a
node; `python -m pantile.conformance --ray auto|ADDRESS` runs the suite on the cluster."""
