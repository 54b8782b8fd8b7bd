-- Money with its currency: every advertiser's spend, CPM, CPC and CPA are in one currency, an
-- ISO 4217 code (USD for advertisers saved before there was one). (Numbered 0008: 0006 and 0007
-- belong to other changes.)
ALTER TABLE advertisers ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
