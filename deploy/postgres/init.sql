-- Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d, via psql):
-- one database per service, each with btree_gist for EXCLUDE constraints on time ranges.
CREATE DATABASE scheduling;
CREATE DATABASE staff;
CREATE DATABASE billing;
CREATE DATABASE compliance;
CREATE DATABASE facilities;
CREATE DATABASE inbox;
CREATE DATABASE gateway;

\connect scheduling
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect staff
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect billing
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect compliance
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect facilities
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect inbox
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect gateway
CREATE EXTENSION IF NOT EXISTS btree_gist;
