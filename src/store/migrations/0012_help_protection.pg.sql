-- PostgreSQL part: each table's id comes from a sequence.
CREATE SEQUENCE referral_id_seq OWNED BY referral.id;
ALTER TABLE referral ALTER COLUMN id SET DEFAULT nextval('referral_id_seq');
CREATE SEQUENCE assessment_id_seq OWNED BY assessment.id;
ALTER TABLE assessment ALTER COLUMN id SET DEFAULT nextval('assessment_id_seq');
CREATE SEQUENCE cin_plan_id_seq OWNED BY cin_plan.id;
ALTER TABLE cin_plan ALTER COLUMN id SET DEFAULT nextval('cin_plan_id_seq');
CREATE SEQUENCE visit_id_seq OWNED BY visit.id;
ALTER TABLE visit ALTER COLUMN id SET DEFAULT nextval('visit_id_seq');
CREATE SEQUENCE strategy_discussion_id_seq OWNED BY strategy_discussion.id;
ALTER TABLE strategy_discussion ALTER COLUMN id SET DEFAULT nextval('strategy_discussion_id_seq');
CREATE SEQUENCE s47_enquiry_id_seq OWNED BY s47_enquiry.id;
ALTER TABLE s47_enquiry ALTER COLUMN id SET DEFAULT nextval('s47_enquiry_id_seq');
CREATE SEQUENCE conference_id_seq OWNED BY conference.id;
ALTER TABLE conference ALTER COLUMN id SET DEFAULT nextval('conference_id_seq');
CREATE SEQUENCE cp_plan_id_seq OWNED BY cp_plan.id;
ALTER TABLE cp_plan ALTER COLUMN id SET DEFAULT nextval('cp_plan_id_seq');
CREATE SEQUENCE core_group_id_seq OWNED BY core_group.id;
ALTER TABLE core_group ALTER COLUMN id SET DEFAULT nextval('core_group_id_seq');
