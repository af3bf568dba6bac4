-- The newest schema of a new SQLite database. Written by `python -m sassot_desktop.db.newest_schema`
-- from the models; write it again that way rather than editing it.

CREATE TABLE person (
	id INTEGER NOT NULL, 
	first_name VARCHAR(100) NOT NULL, 
	last_name VARCHAR(100) NOT NULL, 
	sort_name VARCHAR(210) NOT NULL, 
	email VARCHAR(254), 
	phone VARCHAR(40), 
	postcode VARCHAR(10), 
	district VARCHAR(40), 
	club VARCHAR(200), 
	sport VARCHAR(100), 
	date_of_birth DATE, 
	consent_at DATETIME, 
	consent_method VARCHAR(80), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	gender VARCHAR(40), 
	ethnicity VARCHAR(80), 
	disability VARCHAR(40), 
	version INTEGER DEFAULT '1' NOT NULL, 
	changed_by VARCHAR(100), 
	PRIMARY KEY (id)
);

CREATE INDEX ix_person_club ON person (club);

CREATE INDEX ix_person_district ON person (district);

CREATE INDEX ix_person_email ON person (email);

CREATE INDEX ix_person_last_name ON person (last_name, first_name);

CREATE INDEX ix_person_postcode ON person (postcode);

CREATE INDEX ix_person_sort_name ON person (sort_name);

CREATE TABLE person_merge (
	id INTEGER NOT NULL, 
	kept_id INTEGER NOT NULL, 
	removed_id INTEGER NOT NULL, 
	removed_name VARCHAR(210) NOT NULL, 
	undo TEXT NOT NULL, 
	merged_at DATETIME NOT NULL, 
	merged_by VARCHAR(100) NOT NULL, 
	undone_at DATETIME, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_person_merge_kept ON person_merge (kept_id);

CREATE TABLE workshop (
	id INTEGER NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	provider VARCHAR(100) NOT NULL, 
	date DATE NOT NULL, 
	start_time TIME NOT NULL, 
	end_time TIME NOT NULL, 
	venue_name VARCHAR(200) NOT NULL, 
	venue_address VARCHAR(300), 
	venue_postcode VARCHAR(10), 
	district VARCHAR(40), 
	tutor VARCHAR(200), 
	capacity INTEGER NOT NULL, 
	fee_pence INTEGER NOT NULL, 
	notes TEXT, 
	grants VARCHAR(20), 
	cancelled_at DATETIME, 
	register_closed_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER DEFAULT '1' NOT NULL, 
	changed_by VARCHAR(100), 
	PRIMARY KEY (id), 
	CONSTRAINT ck_workshop_capacity CHECK (capacity >= 0), 
	CONSTRAINT ck_workshop_fee CHECK (fee_pence >= 0)
);

CREATE INDEX ix_workshop_date ON workshop (date);

CREATE TABLE audit_entry (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(100) NOT NULL, 
	action VARCHAR(60) NOT NULL, 
	subject VARCHAR(40) NOT NULL, 
	subject_id INTEGER, 
	detail TEXT, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_audit_entry_at ON audit_entry (at);

CREATE INDEX ix_audit_subject ON audit_entry (subject, subject_id);

CREATE TABLE standard_validity (
	kind VARCHAR(20) NOT NULL, 
	months INTEGER, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (kind), 
	CONSTRAINT ck_standard_validity_months CHECK (months IS NULL OR months > 0)
);

CREATE TABLE award_round (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	year INTEGER NOT NULL, 
	ceremony_on DATE, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE bursary_round (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	financial_year INTEGER NOT NULL, 
	opens_on DATE NOT NULL, 
	closes_on DATE NOT NULL, 
	budget_pence INTEGER NOT NULL, 
	most_per_award_pence INTEGER NOT NULL, 
	ring_fence_pence INTEGER NOT NULL, 
	ring_fence_until DATE, 
	cost_code VARCHAR(40), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_bursary_round_budget CHECK (budget_pence > 0), 
	CONSTRAINT ck_bursary_round_most CHECK (most_per_award_pence > 0), 
	CONSTRAINT ck_bursary_round_ring_fence CHECK (ring_fence_pence >= 0 AND ring_fence_pence <= budget_pence)
);

CREATE TABLE person_role (
	person_id INTEGER NOT NULL, 
	role VARCHAR(20) NOT NULL, 
	PRIMARY KEY (person_id, role), 
	CONSTRAINT ck_person_role CHECK (role IN ('coach', 'volunteer', 'young leader', 'tutor')), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE
);

CREATE INDEX ix_person_role_role ON person_role (role, person_id);

CREATE TABLE not_duplicate (
	person_id INTEGER NOT NULL, 
	other_id INTEGER NOT NULL, 
	decided_at DATETIME NOT NULL, 
	decided_by VARCHAR(100) NOT NULL, 
	PRIMARY KEY (person_id, other_id), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE, 
	FOREIGN KEY(other_id) REFERENCES person (id) ON DELETE CASCADE
);

CREATE TABLE person_token (
	token VARCHAR(64) NOT NULL, 
	person_id INTEGER NOT NULL, 
	PRIMARY KEY (token, person_id), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE
)
 WITHOUT ROWID

;

CREATE INDEX ix_person_token_person ON person_token (person_id, token);

CREATE TABLE booking (
	id INTEGER NOT NULL, 
	workshop_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	booked_at DATETIME NOT NULL, 
	walk_in BOOLEAN NOT NULL, 
	arrived_at DATETIME, 
	arrived_local TIME, 
	certificate_override BOOLEAN, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_booking_workshop_person UNIQUE (workshop_id, person_id), 
	CONSTRAINT ck_booking_status CHECK (status IN ('booked', 'waiting', 'cancelled', 'attended', 'late', 'left early', 'no-show')), 
	FOREIGN KEY(workshop_id) REFERENCES workshop (id), 
	FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE INDEX ix_booking_person_id ON booking (person_id);

CREATE INDEX ix_booking_workshop_id ON booking (workshop_id);

CREATE TABLE placement (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	role VARCHAR(100) NOT NULL, 
	started_on DATE NOT NULL, 
	ended_on DATE, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_placement_dates CHECK (ended_on IS NULL OR ended_on >= started_on), 
	FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE INDEX ix_placement_person_id ON placement (person_id);

CREATE TABLE hours_milestone (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	hours INTEGER NOT NULL, 
	reached_at DATETIME NOT NULL, 
	acknowledged_at DATETIME, 
	acknowledged_by VARCHAR(100), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_hours_milestone_person_hours UNIQUE (person_id, hours), 
	FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE INDEX ix_hours_milestone_person_id ON hours_milestone (person_id);

CREATE TABLE award_category (
	id INTEGER NOT NULL, 
	round_id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_award_category_name UNIQUE (round_id, name), 
	FOREIGN KEY(round_id) REFERENCES award_round (id)
);

CREATE INDEX ix_award_category_round_id ON award_category (round_id);

CREATE TABLE bursary_application (
	id INTEGER NOT NULL, 
	round_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	ring_fence_group VARCHAR(40), 
	governing_body VARCHAR(100) NOT NULL, 
	qualification VARCHAR(200) NOT NULL, 
	level VARCHAR(20), 
	course_provider VARCHAR(200), 
	course_starts DATE NOT NULL, 
	course_ends DATE NOT NULL, 
	course_cost_pence INTEGER NOT NULL, 
	asked_pence INTEGER NOT NULL, 
	match_funding_pence INTEGER NOT NULL, 
	reason TEXT, 
	submitted_on DATE NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	awarded_pence INTEGER, 
	evidence_due DATE, 
	evidence_received_on DATE, 
	paid_on DATE, 
	payment_reference VARCHAR(60), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	version INTEGER DEFAULT '1' NOT NULL, 
	changed_by VARCHAR(100), 
	PRIMARY KEY (id), 
	CONSTRAINT ck_bursary_application_status CHECK (status IN ('submitted', 'approved', 'declined', 'waiting list', 'offer sent', 'accepted', 'evidence received', 'paid', 'lapsed', 'withdrawn')), 
	CONSTRAINT ck_bursary_application_asked CHECK (asked_pence > 0), 
	CONSTRAINT ck_bursary_application_awarded CHECK (awarded_pence IS NULL OR awarded_pence > 0), 
	FOREIGN KEY(round_id) REFERENCES bursary_round (id), 
	FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE INDEX ix_bursary_application_person_id ON bursary_application (person_id);

CREATE INDEX ix_bursary_application_round_id ON bursary_application (round_id);

CREATE INDEX ix_bursary_application_status ON bursary_application (status);

CREATE TABLE offline_register (
	id INTEGER NOT NULL, 
	workshop_id INTEGER NOT NULL, 
	taken_by VARCHAR(100) NOT NULL, 
	computer VARCHAR(100) NOT NULL, 
	taken_at DATETIME NOT NULL, 
	uploaded_at DATETIME, 
	removed_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workshop_id) REFERENCES workshop (id)
);

CREATE INDEX ix_offline_register_workshop_id ON offline_register (workshop_id);

CREATE TABLE certificate (
	id INTEGER NOT NULL, 
	booking_id INTEGER NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	name VARCHAR(210) NOT NULL, 
	course VARCHAR(200) NOT NULL, 
	course_date DATE NOT NULL, 
	venue VARCHAR(200) NOT NULL, 
	issued_at DATETIME NOT NULL, 
	issued_by VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (booking_id), 
	FOREIGN KEY(booking_id) REFERENCES booking (id), 
	UNIQUE (code)
);

CREATE TABLE standard_record (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	taken_on DATE NOT NULL, 
	expires_on DATE, 
	governing_body VARCHAR(100), 
	title VARCHAR(200), 
	level VARCHAR(40), 
	dbs_level VARCHAR(40), 
	certificate_number VARCHAR(40), 
	booking_id INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_standard_record_kind CHECK (kind IN ('dbs', 'safeguarding', 'first aid', 'qualification')), 
	CONSTRAINT ck_standard_record_expiry CHECK (expires_on IS NULL OR expires_on >= taken_on), 
	FOREIGN KEY(person_id) REFERENCES person (id), 
	UNIQUE (booking_id), 
	FOREIGN KEY(booking_id) REFERENCES booking (id)
);

CREATE INDEX ix_standard_record_person_id ON standard_record (person_id);

CREATE TABLE volunteer_hours (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	placement_id INTEGER, 
	worked_on DATE NOT NULL, 
	minutes INTEGER NOT NULL, 
	activity VARCHAR(200) NOT NULL, 
	status VARCHAR(10) NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	recorded_by VARCHAR(100) NOT NULL, 
	decided_at DATETIME, 
	decided_by VARCHAR(100), 
	PRIMARY KEY (id), 
	CONSTRAINT ck_volunteer_hours_minutes CHECK (minutes > 0), 
	CONSTRAINT ck_volunteer_hours_status CHECK (status IN ('pending', 'approved', 'rejected')), 
	FOREIGN KEY(person_id) REFERENCES person (id), 
	FOREIGN KEY(placement_id) REFERENCES placement (id)
);

CREATE INDEX ix_volunteer_hours_person_id ON volunteer_hours (person_id);

CREATE INDEX ix_volunteer_hours_status ON volunteer_hours (status);

CREATE TABLE step_into_sport_attendance (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	conference_on DATE NOT NULL, 
	placement_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_step_into_sport_person_day UNIQUE (person_id, conference_on), 
	FOREIGN KEY(person_id) REFERENCES person (id), 
	FOREIGN KEY(placement_id) REFERENCES placement (id)
);

CREATE INDEX ix_step_into_sport_attendance_person_id ON step_into_sport_attendance (person_id);

CREATE TABLE award_nomination (
	id INTEGER NOT NULL, 
	category_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	nominated_by VARCHAR(200) NOT NULL, 
	reason TEXT NOT NULL, 
	stage VARCHAR(12) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_award_nomination_person UNIQUE (category_id, person_id), 
	CONSTRAINT ck_award_nomination_stage CHECK (stage IN ('nominated', 'shortlisted', 'winner')), 
	FOREIGN KEY(category_id) REFERENCES award_category (id), 
	FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE INDEX ix_award_nomination_category_id ON award_nomination (category_id);

CREATE INDEX ix_award_nomination_person_id ON award_nomination (person_id);

CREATE TABLE bursary_status_change (
	id INTEGER NOT NULL, 
	application_id INTEGER NOT NULL, 
	from_status VARCHAR(20) NOT NULL, 
	to_status VARCHAR(20) NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(100) NOT NULL, 
	reason TEXT, 
	reverses_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(application_id) REFERENCES bursary_application (id), 
	FOREIGN KEY(reverses_id) REFERENCES bursary_status_change (id)
);

CREATE INDEX ix_bursary_status_change_application_id ON bursary_status_change (application_id);

CREATE TABLE uploaded_tick (
	id VARCHAR(36) NOT NULL, 
	register_id INTEGER NOT NULL, 
	booking_id INTEGER, 
	made_at DATETIME NOT NULL, 
	uploaded_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(register_id) REFERENCES offline_register (id)
);

CREATE INDEX ix_uploaded_tick_booking_id ON uploaded_tick (booking_id);

CREATE TABLE certificate_printing (
	id INTEGER NOT NULL, 
	certificate_id INTEGER NOT NULL, 
	printed_at DATETIME NOT NULL, 
	printed_by VARCHAR(100) NOT NULL, 
	reprint BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(certificate_id) REFERENCES certificate (id)
);

CREATE INDEX ix_certificate_printing_certificate_id ON certificate_printing (certificate_id);

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

INSERT INTO alembic_version (version_num) VALUES ('0010');
