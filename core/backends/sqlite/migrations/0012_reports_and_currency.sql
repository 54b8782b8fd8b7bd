-- Money with its currency: every advertiser's spend, CPM, CPC and CPA are in one currency, an
-- ISO 4217 code (USD for advertisers saved before there was one). (Numbered 0012: 0010 and 0011
-- belong to other changes.) Report definitions are kept in the app's data folder, not here (see
-- report/report_definition_file.h).
ALTER TABLE advertisers ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
