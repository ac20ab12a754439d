#!/bin/sh
# Imports this folder (data set "graph-data") with neo4j-admin into a Neo4j 5 database
# that does not exist yet or is empty, the server stopped:
#   NEO4J_HOME=/path/to/neo4j sh import.sh [--overwrite-destination ...]
# Options given go to neo4j-admin ($NEO4J_ADMIN, else the one on the PATH); the database is
# $NEO4J_DATABASE, else neo4j. Then `kg load --backend neo4j` on the same data (with the same
# --dataset, if one was given to the export) creates the constraints and indexes, and changes nothing
# else but the :Dataset node's loadedAt and source (the data folder it was loaded from).
set -eu
cd "$(dirname "$0")"
exec "${NEO4J_ADMIN:-neo4j-admin}" database import full \
  '--nodes=Document=documents.csv' \
  '--nodes=Dataset=dataset.csv' \
  '--nodes=Entity:Agreement=entities-Agreement.csv' \
  '--nodes=Entity:Event=entities-Event.csv' \
  '--nodes=Entity:Group=entities-Group.csv' \
  '--nodes=Entity:Issue=entities-Issue.csv' \
  '--nodes=Entity:Organization=entities-Organization.csv' \
  '--nodes=Entity:Person=entities-Person.csv' \
  '--nodes=Entity:Proposal=entities-Proposal.csv' \
  '--nodes=Entity:Region=entities-Region.csv' \
  '--nodes=Entity:State=entities-State.csv' \
  '--nodes=Statement=statement-nodes.csv' \
  '--relationships=MENTIONED_IN=mentioned-in.csv' \
  '--relationships=statements.csv' \
  '--relationships=statements-about-statements.csv' \
  '--relationships=statement-entity-ties.csv' \
  --array-delimiter=';' \
  --multiline-fields=false --trim-strings=false --ignore-empty-strings=false --legacy-style-quoting=false \
  "$@" "${NEO4J_DATABASE:-neo4j}"
