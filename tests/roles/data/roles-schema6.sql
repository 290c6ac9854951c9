-- What `padplanner db roles` set up on a database at schema version 6, before the chance
-- to finish on time (migration 7) and the copies of team and counsellor on revisions, events
-- and decisions (migration 8): one statement a line, with @PREFIX@ (the group roles' prefix),
-- @SCHEMA@ and @OWNER@ to fill in. Kept to test that upgrading such a deployment works.
DO $$ BEGIN CREATE ROLE @PREFIX@_counsellor NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
DO $$ BEGIN CREATE ROLE @PREFIX@_teamlead NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
DO $$ BEGIN CREATE ROLE @PREFIX@_analyst NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
DO $$ BEGIN CREATE ROLE @PREFIX@_admin NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
DO $$ BEGIN CREATE ROLE @PREFIX@_auditor NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor', current_database()); EXCEPTION WHEN insufficient_privilege THEN NULL; END $$
GRANT USAGE ON SCHEMA "@SCHEMA@" TO @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor
CREATE OR REPLACE FUNCTION padplanner_lead_team() RETURNS text LANGUAGE sql STABLE AS $$ SELECT team FROM users WHERE name = current_user AND role = 'teamlead' AND active $$
CREATE OR REPLACE FUNCTION padplanner_my_team() RETURNS text LANGUAGE sql STABLE AS $$ SELECT team FROM users WHERE name = current_user AND active $$
CREATE OR REPLACE FUNCTION padplanner_may_share(person text, login text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $$ SELECT EXISTS (SELECT 1 FROM people p WHERE p.id = person AND (p.counsellor = login OR p.team = (SELECT u.team FROM users u WHERE u.name = login AND u.role = 'teamlead' AND u.active))) $$
CREATE OR REPLACE FUNCTION padplanner_user_add(p_name text, p_role text, p_team text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $fn$ BEGIN IF p_role NOT IN ('counsellor', 'teamlead', 'analyst', 'admin', 'auditor') THEN RAISE EXCEPTION 'unknown role: %', p_role USING ERRCODE = '22023'; END IF; IF p_role IN ('counsellor', 'teamlead') AND p_team IS NULL THEN RAISE EXCEPTION 'a % needs a team (--team)', p_role USING ERRCODE = '22023'; END IF; IF p_team IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams WHERE id = p_team) THEN RAISE EXCEPTION 'unknown team: %', p_team USING ERRCODE = '22023'; END IF; IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN RAISE EXCEPTION 'a database role named % already exists', p_name USING ERRCODE = '42710'; END IF; EXECUTE format('CREATE ROLE %I LOGIN', p_name); EXECUTE format('GRANT %I TO %I', '@PREFIX@_' || p_role, p_name); INSERT INTO users (name, role, team, active, created_at) VALUES (p_name, p_role, p_team, true, now()); INSERT INTO audit (at, actor, action, person_id, detail) VALUES (now(), session_user, 'user.add', NULL, format('%s: %s, team %s', p_name, p_role, coalesce(p_team, '-'))); END $fn$
REVOKE ALL ON FUNCTION padplanner_user_add(p_name text, p_role text, p_team text) FROM PUBLIC
GRANT EXECUTE ON FUNCTION padplanner_user_add(p_name text, p_role text, p_team text) TO @PREFIX@_admin
CREATE OR REPLACE FUNCTION padplanner_user_role(p_name text, p_role text, p_team text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $fn$ DECLARE old text; BEGIN IF p_name = session_user THEN RAISE EXCEPTION 'you cannot change your own user; ask another admin' USING ERRCODE = '42501'; END IF; IF p_role NOT IN ('counsellor', 'teamlead', 'analyst', 'admin', 'auditor') THEN RAISE EXCEPTION 'unknown role: %', p_role USING ERRCODE = '22023'; END IF; IF p_role IN ('counsellor', 'teamlead') AND p_team IS NULL THEN RAISE EXCEPTION 'a % needs a team (--team)', p_role USING ERRCODE = '22023'; END IF; IF p_team IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams WHERE id = p_team) THEN RAISE EXCEPTION 'unknown team: %', p_team USING ERRCODE = '22023'; END IF; SELECT role INTO old FROM users WHERE name = p_name; IF NOT FOUND THEN RAISE EXCEPTION 'unknown user: %', p_name USING ERRCODE = '22023'; END IF; EXECUTE format('REVOKE %I FROM %I', '@PREFIX@_' || old, p_name); EXECUTE format('GRANT %I TO %I', '@PREFIX@_' || p_role, p_name); UPDATE users SET role = p_role, team = p_team WHERE name = p_name; INSERT INTO audit (at, actor, action, person_id, detail) VALUES (now(), session_user, 'user.role', NULL, format('%s: %s -> %s, team %s', p_name, old, p_role, coalesce(p_team, '-'))); END $fn$
REVOKE ALL ON FUNCTION padplanner_user_role(p_name text, p_role text, p_team text) FROM PUBLIC
GRANT EXECUTE ON FUNCTION padplanner_user_role(p_name text, p_role text, p_team text) TO @PREFIX@_admin
CREATE OR REPLACE FUNCTION padplanner_user_disable(p_name text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $fn$ DECLARE old text; BEGIN IF p_name = session_user THEN RAISE EXCEPTION 'you cannot change your own user; ask another admin' USING ERRCODE = '42501'; END IF; SELECT role INTO old FROM users WHERE name = p_name; IF NOT FOUND THEN RAISE EXCEPTION 'unknown user: %', p_name USING ERRCODE = '22023'; END IF; EXECUTE format('ALTER ROLE %I NOLOGIN', p_name); EXECUTE format('REVOKE %I FROM %I', '@PREFIX@_' || old, p_name); UPDATE users SET active = false WHERE name = p_name; INSERT INTO audit (at, actor, action, person_id, detail) VALUES (now(), session_user, 'user.disable', NULL, p_name); END $fn$
REVOKE ALL ON FUNCTION padplanner_user_disable(p_name text) FROM PUBLIC
GRANT EXECUTE ON FUNCTION padplanner_user_disable(p_name text) TO @PREFIX@_admin
CREATE OR REPLACE FUNCTION padplanner_user_enable(p_name text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $fn$ DECLARE old text; BEGIN IF p_name = session_user THEN RAISE EXCEPTION 'you cannot change your own user; ask another admin' USING ERRCODE = '42501'; END IF; SELECT role INTO old FROM users WHERE name = p_name; IF NOT FOUND THEN RAISE EXCEPTION 'unknown user: %', p_name USING ERRCODE = '22023'; END IF; EXECUTE format('ALTER ROLE %I LOGIN', p_name); EXECUTE format('GRANT %I TO %I', '@PREFIX@_' || old, p_name); UPDATE users SET active = true WHERE name = p_name; INSERT INTO audit (at, actor, action, person_id, detail) VALUES (now(), session_user, 'user.enable', NULL, p_name); END $fn$
REVOKE ALL ON FUNCTION padplanner_user_enable(p_name text) FROM PUBLIC
GRANT EXECUTE ON FUNCTION padplanner_user_enable(p_name text) TO @PREFIX@_admin
CREATE OR REPLACE FUNCTION padplanner_assign(p_person text, p_team text, p_counsellor text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $fn$ DECLARE old_team text; old_counsellor text; BEGIN SELECT team, counsellor INTO old_team, old_counsellor FROM people WHERE id = p_person FOR UPDATE; IF NOT FOUND THEN RAISE EXCEPTION 'no such person: %', p_person USING ERRCODE = '22023'; END IF; IF old_team IS DISTINCT FROM (SELECT team FROM users WHERE name = session_user AND role = 'teamlead' AND active) THEN RAISE EXCEPTION 'only the team lead of team % may reassign this person', old_team USING ERRCODE = '42501'; END IF; IF NOT EXISTS (SELECT 1 FROM teams WHERE id = p_team) THEN RAISE EXCEPTION 'unknown team: %', p_team USING ERRCODE = '22023'; END IF; IF p_counsellor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE name = p_counsellor AND team = p_team AND active) THEN RAISE EXCEPTION '% is not an active user of team %', p_counsellor, p_team USING ERRCODE = '22023'; END IF; UPDATE people SET team = p_team, counsellor = p_counsellor WHERE id = p_person; INSERT INTO audit (at, actor, action, person_id, detail) VALUES (now(), session_user, 'assign', p_person, format('%s (%s) -> %s (%s)', coalesce(old_counsellor, '-'), old_team, coalesce(p_counsellor, '-'), p_team)); END $fn$
REVOKE ALL ON FUNCTION padplanner_assign(p_person text, p_team text, p_counsellor text) FROM PUBLIC
GRANT EXECUTE ON FUNCTION padplanner_assign(p_person text, p_team text, p_counsellor text) TO @PREFIX@_teamlead
REVOKE ALL ON FUNCTION padplanner_may_share(text, text) FROM PUBLIC
GRANT EXECUTE ON FUNCTION padplanner_may_share(text, text) TO @PREFIX@_counsellor, @PREFIX@_teamlead
CREATE OR REPLACE VIEW research_counts AS SELECT municipality, route, phase, risk, count(*) AS people FROM people GROUP BY municipality, route, phase, risk HAVING count(*) >= 5
REVOKE ALL ON ALL TABLES IN SCHEMA "@SCHEMA@" FROM PUBLIC, @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor
REVOKE ALL ON ALL SEQUENCES IN SCHEMA "@SCHEMA@" FROM PUBLIC, @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor
GRANT SELECT ON schema_version TO @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor
GRANT SELECT ON teams TO @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor
GRANT SELECT ON users TO @PREFIX@_counsellor, @PREFIX@_teamlead, @PREFIX@_analyst, @PREFIX@_admin, @PREFIX@_auditor
GRANT SELECT, INSERT ON people TO @PREFIX@_counsellor
GRANT SELECT, INSERT ON revisions TO @PREFIX@_counsellor
GRANT SELECT, INSERT ON events TO @PREFIX@_counsellor
GRANT SELECT, INSERT ON decisions TO @PREFIX@_counsellor
GRANT SELECT, INSERT, DELETE ON shares TO @PREFIX@_counsellor
GRANT INSERT ON audit TO @PREFIX@_counsellor
GRANT INSERT ON access_log TO @PREFIX@_counsellor
GRANT UPDATE (name, bsn, birth_date, birth_year, municipality, intake, notes, updated_at, forgotten_at, name_key, route, phase, next_milestone, next_milestone_date, deadline, slack_weeks, risk, risk_flags, revision, last_contact, cadence_weeks) ON people TO @PREFIX@_counsellor
GRANT SELECT, INSERT ON people TO @PREFIX@_teamlead
GRANT SELECT, INSERT ON revisions TO @PREFIX@_teamlead
GRANT SELECT, INSERT ON events TO @PREFIX@_teamlead
GRANT SELECT, INSERT ON decisions TO @PREFIX@_teamlead
GRANT SELECT, INSERT, DELETE ON shares TO @PREFIX@_teamlead
GRANT INSERT ON audit TO @PREFIX@_teamlead
GRANT INSERT ON access_log TO @PREFIX@_teamlead
GRANT UPDATE (name, bsn, birth_date, birth_year, municipality, intake, notes, updated_at, forgotten_at, name_key, route, phase, next_milestone, next_milestone_date, deadline, slack_weeks, risk, risk_flags, revision, last_contact, cadence_weeks) ON people TO @PREFIX@_teamlead
GRANT SELECT ON research TO @PREFIX@_analyst
GRANT SELECT ON research_counts TO @PREFIX@_analyst
GRANT INSERT ON access_log TO @PREFIX@_analyst
GRANT INSERT ON teams TO @PREFIX@_admin
GRANT INSERT ON audit TO @PREFIX@_admin
GRANT SELECT ON audit TO @PREFIX@_auditor
GRANT SELECT ON access_log TO @PREFIX@_auditor
GRANT USAGE ON SEQUENCE revisions_id_seq TO @PREFIX@_counsellor
GRANT USAGE ON SEQUENCE events_id_seq TO @PREFIX@_counsellor
GRANT USAGE ON SEQUENCE decisions_id_seq TO @PREFIX@_counsellor
GRANT USAGE ON SEQUENCE audit_id_seq TO @PREFIX@_counsellor
GRANT USAGE ON SEQUENCE access_log_id_seq TO @PREFIX@_counsellor
GRANT USAGE ON SEQUENCE revisions_id_seq TO @PREFIX@_teamlead
GRANT USAGE ON SEQUENCE events_id_seq TO @PREFIX@_teamlead
GRANT USAGE ON SEQUENCE decisions_id_seq TO @PREFIX@_teamlead
GRANT USAGE ON SEQUENCE audit_id_seq TO @PREFIX@_teamlead
GRANT USAGE ON SEQUENCE access_log_id_seq TO @PREFIX@_teamlead
GRANT USAGE ON SEQUENCE access_log_id_seq TO @PREFIX@_analyst
GRANT USAGE ON SEQUENCE audit_id_seq TO @PREFIX@_admin
ALTER TABLE people ENABLE ROW LEVEL SECURITY
ALTER TABLE people FORCE ROW LEVEL SECURITY
CREATE POLICY owner_all ON people TO "@OWNER@" USING (true) WITH CHECK (true)
CREATE POLICY pp_see ON people FOR SELECT TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (counsellor = current_user OR team = (SELECT padplanner_lead_team()) OR id IN (SELECT s.person_id FROM shares s WHERE s.user_name = current_user))
CREATE POLICY pp_add ON people FOR INSERT TO @PREFIX@_counsellor WITH CHECK (counsellor = current_user AND team = (SELECT padplanner_my_team()))
CREATE POLICY pp_add_lead ON people FOR INSERT TO @PREFIX@_teamlead WITH CHECK (team = (SELECT padplanner_lead_team()))
CREATE POLICY pp_change ON people FOR UPDATE TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (counsellor = current_user OR team = (SELECT padplanner_lead_team()) OR id IN (SELECT s.person_id FROM shares s WHERE s.user_name = current_user)) WITH CHECK (counsellor = current_user OR team = (SELECT padplanner_lead_team()) OR id IN (SELECT s.person_id FROM shares s WHERE s.user_name = current_user))
ALTER TABLE shares ENABLE ROW LEVEL SECURITY
ALTER TABLE shares FORCE ROW LEVEL SECURITY
CREATE POLICY owner_all ON shares TO "@OWNER@" USING (true) WITH CHECK (true)
CREATE POLICY pp_see ON shares FOR SELECT TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (user_name = current_user OR granted_by = current_user)
CREATE POLICY pp_add ON shares FOR INSERT TO @PREFIX@_counsellor, @PREFIX@_teamlead WITH CHECK (granted_by = current_user AND padplanner_may_share(person_id, current_user))
CREATE POLICY pp_remove ON shares FOR DELETE TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (user_name = current_user OR granted_by = current_user OR padplanner_may_share(person_id, current_user))
ALTER TABLE revisions ENABLE ROW LEVEL SECURITY
ALTER TABLE revisions FORCE ROW LEVEL SECURITY
CREATE POLICY owner_all ON revisions TO "@OWNER@" USING (true) WITH CHECK (true)
CREATE POLICY pp_see ON revisions FOR SELECT TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (EXISTS (SELECT 1 FROM people p WHERE p.id = revisions.person_id))
CREATE POLICY pp_add ON revisions FOR INSERT TO @PREFIX@_counsellor, @PREFIX@_teamlead WITH CHECK (EXISTS (SELECT 1 FROM people p WHERE p.id = revisions.person_id))
ALTER TABLE events ENABLE ROW LEVEL SECURITY
ALTER TABLE events FORCE ROW LEVEL SECURITY
CREATE POLICY owner_all ON events TO "@OWNER@" USING (true) WITH CHECK (true)
CREATE POLICY pp_see ON events FOR SELECT TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (EXISTS (SELECT 1 FROM people p WHERE p.id = events.person_id))
CREATE POLICY pp_add ON events FOR INSERT TO @PREFIX@_counsellor, @PREFIX@_teamlead WITH CHECK (EXISTS (SELECT 1 FROM people p WHERE p.id = events.person_id))
ALTER TABLE decisions ENABLE ROW LEVEL SECURITY
ALTER TABLE decisions FORCE ROW LEVEL SECURITY
CREATE POLICY owner_all ON decisions TO "@OWNER@" USING (true) WITH CHECK (true)
CREATE POLICY pp_see ON decisions FOR SELECT TO @PREFIX@_counsellor, @PREFIX@_teamlead USING (EXISTS (SELECT 1 FROM people p WHERE p.id = decisions.person_id))
CREATE POLICY pp_add ON decisions FOR INSERT TO @PREFIX@_counsellor, @PREFIX@_teamlead WITH CHECK (EXISTS (SELECT 1 FROM people p WHERE p.id = decisions.person_id))
CREATE OR REPLACE FUNCTION padplanner_log_who() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = "@SCHEMA@", pg_temp AS $$ BEGIN IF EXISTS (SELECT 1 FROM users WHERE name = session_user) THEN NEW.actor := session_user; NEW.at := clock_timestamp(); END IF; RETURN NEW; END $$
DROP TRIGGER IF EXISTS audit_who ON audit
CREATE TRIGGER audit_who BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION padplanner_log_who()
DROP TRIGGER IF EXISTS access_log_who ON access_log
CREATE TRIGGER access_log_who BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION padplanner_log_who()
