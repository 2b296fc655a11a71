-- Why: an agency lists the channels it offers (issue 14): each of a kind of the channel
-- vocabulary, with what a citizen needs to use it — the office's phone number, its LINE
-- account, Facebook page, web address, postal address, where the suggestion box stands,
-- opening hours. The citizen portal shows them; staff intake picks among the receiving
-- agency's channels (a phone complaint taken by the Taphan Hin office is "โทรศัพท์ 0 5662 2353",
-- not the 1111 hotline), and the yearly report counts every channel the agency offers, zero
-- rows included.
CREATE TABLE agency_channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  kind text NOT NULL CHECK (kind IN ('web', 'mobile_app', 'line', 'facebook', 'email', 'hotline', 'counter', 'post', 'suggestion_box', 'partner')),
  -- How the channel is named to people: "โทรศัพท์ 0 5662 2353", "ตู้รับความคิดเห็นหน้าอาคาร".
  label_th text NOT NULL,
  label_en text,
  phone text,
  line_id text,
  facebook_url text,
  web_url text,
  email text,
  postal_address text,
  -- Where it is (a counter, a suggestion box).
  location text,
  opening_hours text,
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agency_channels_agency_idx ON agency_channels (agency_id, position);

-- Which of the receiving agency's channels took the case in; null where none was named
-- (cases before channels, the public web form of an agency that lists none).
ALTER TABLE cases ADD COLUMN agency_channel_id uuid REFERENCES agency_channels (id);
