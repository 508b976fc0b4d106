-- Indexes for the reports: every period filter is a range scan on an indexed date.
CREATE INDEX trajectory_referred ON trajectory(referred_on);
CREATE INDEX aftercare_contact_planned ON aftercare_contact(planned_on);
CREATE INDEX aftercare_contact_done ON aftercare_contact(done_on) WHERE done_on IS NOT NULL;
CREATE INDEX premium_due ON premium_instalment(due_on);
