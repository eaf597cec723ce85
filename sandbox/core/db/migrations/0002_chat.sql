-- chat family (issue #4): agent rooms (docs/cloud/chat.md "Talking to a specific agent").
-- A room is one conversation of a user with one character; its messages are kept in order.

CREATE TABLE eliza_rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  character_id uuid NOT NULL REFERENCES user_characters (id) ON DELETE CASCADE,
  name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX eliza_rooms_user_idx ON eliza_rooms (user_id, updated_at DESC);
CREATE INDEX eliza_rooms_character_idx ON eliza_rooms (character_id);

CREATE TABLE eliza_room_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  room_id uuid NOT NULL REFERENCES eliza_rooms (id) ON DELETE CASCADE,
  -- Insertion order: created_at can tie within one millisecond.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  entity_id uuid NOT NULL,
  text text NOT NULL,
  model text,
  input_tokens integer,
  output_tokens integer,
  cost numeric(12, 6),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX eliza_room_messages_room_idx ON eliza_room_messages (room_id, seq);
