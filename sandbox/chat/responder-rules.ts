// The responder's script (responder.ts): ELIZA-style keywords with ranks, their decomposition
// patterns and reassembly templates, and the fallbacks when nothing matches.

export interface Rule {
  key: string
  rank: number
  /** Decomposition patterns, tried in order; the first capture group is reflected. */
  decompositions: Array<{ pattern: RegExp; reassemblies: string[] }>
}

// `(1)` is the reflected first capture; `{name}` the persona's name.
export const RULES: Rule[] = [
  {
    key: 'name',
    rank: 9,
    decompositions: [
      {
        pattern:
          /\b(?:who are you|what(?:'s| is) your name|introduce yourself|tell me about yourself)\b/i,
        reassemblies: [
          "I'm {name}. I'm here to think things through with you and help where I can.",
          'My name is {name}. Think of me as a sounding board that also knows a few things.',
        ],
      },
    ],
  },
  {
    key: 'hello',
    rank: 8,
    decompositions: [
      {
        pattern: /^\s*(?:hello|hi|hey|good (?:morning|afternoon|evening)|greetings|howdy)\b/i,
        reassemblies: [
          "Hello! I'm {name}. What's on your mind today?",
          'Hi there, {name} here. How can I help?',
          "Hey! Good to hear from you. I'm {name} — what would you like to talk about?",
        ],
      },
    ],
  },
  {
    key: 'thanks',
    rank: 7,
    decompositions: [
      {
        pattern: /\b(?:thanks|thank you|cheers|appreciate it)\b/i,
        reassemblies: [
          "You're welcome! Is there anything else you'd like to go over?",
          'Glad that helped. Anything else on your mind?',
        ],
      },
    ],
  },
  {
    key: 'bye',
    rank: 7,
    decompositions: [
      {
        pattern: /^\s*(?:bye|goodbye|see you|good night|farewell)\b/i,
        reassemblies: [
          'Goodbye! It was good talking with you.',
          'Take care — come back any time you want to pick this up again.',
        ],
      },
    ],
  },
  {
    key: 'sorry',
    rank: 6,
    decompositions: [
      {
        pattern: /\b(?:sorry|apologi[sz]e)\b/i,
        reassemblies: [
          "There's no need to apologise. Let's keep going.",
          "No apology needed — questions like this are exactly what I'm here for.",
        ],
      },
    ],
  },
  {
    key: 'remember',
    rank: 6,
    decompositions: [
      {
        pattern: /\bdo you remember (.+)/i,
        reassemblies: [
          'I remember what you told me in this conversation. What about (1) matters most right now?',
          'Do you think I would forget (1)? Tell me more about why it comes to mind.',
        ],
      },
      {
        pattern: /\bi remember (.+)/i,
        reassemblies: [
          'Do you often think of (1)?',
          'What else does thinking of (1) bring to mind?',
        ],
      },
    ],
  },
  {
    key: 'feel',
    rank: 5,
    decompositions: [
      {
        pattern: /\bi (?:feel|am feeling|'m feeling) (.+)/i,
        reassemblies: [
          'Why do you feel (1)?',
          'How long have you been feeling (1)?',
          'Feeling (1) is worth taking seriously. What do you think is behind it?',
        ],
      },
    ],
  },
  {
    key: 'want',
    rank: 5,
    decompositions: [
      {
        pattern: /\bi (?:want|need|would like|'d like) (?:to )?(.+)/i,
        reassemblies: [
          'What would it mean to you if you could (1)?',
          'Why do you want to (1)?',
          "Let's work out how you could (1).",
        ],
      },
    ],
  },
  {
    key: 'i am',
    rank: 4,
    decompositions: [
      {
        pattern: /\bi(?: am|'m) (.+)/i,
        reassemblies: [
          'How long have you been (1)?',
          'Do you enjoy being (1)?',
          'Why do you say you are (1)?',
        ],
      },
    ],
  },
  {
    key: 'can you',
    rank: 4,
    decompositions: [
      {
        pattern: /\b(?:can|could|would|will) you (.+)/i,
        reassemblies: [
          'Yes — I can (1). Here is how I would approach it.',
          "Sure, let's (1) together.",
        ],
      },
    ],
  },
  {
    key: 'why',
    rank: 3,
    decompositions: [
      {
        pattern: /\bwhy (?:do|does|did|is|are|can't|don't|won't) (.+)/i,
        reassemblies: [
          'Good question. Why do you think (1)?',
          'There are usually a few reasons why (1), and they are worth separating.',
        ],
      },
    ],
  },
  {
    key: 'because',
    rank: 3,
    decompositions: [
      {
        pattern: /\bbecause (.+)/i,
        reassemblies: [
          'Is that the real reason?',
          'Does that reason explain anything else?',
          'If (1), what follows from that?',
        ],
      },
    ],
  },
  {
    key: 'what is',
    rank: 2,
    decompositions: [
      {
        pattern: /\b(?:what(?:'s| is| are)|explain|describe|define) (.+)/i,
        reassemblies: [
          'In short, (1) comes down to a few ideas.',
          "Let's unpack (1).",
          '(1) is easier to understand once you split it into parts.',
        ],
      },
    ],
  },
  {
    key: 'always',
    rank: 2,
    decompositions: [
      {
        pattern: /\b(?:always|never|everyone|everybody|nobody|no one)\b/i,
        reassemblies: [
          'Can you think of a specific example?',
          'Really — every single time? What is one case that stands out?',
        ],
      },
    ],
  },
  {
    key: 'yes',
    rank: 1,
    decompositions: [
      {
        pattern: /^\s*(?:yes|yeah|yep|sure|right|exactly)\b/i,
        reassemblies: ['You seem quite sure. Tell me more.', 'Okay — then what is the next step?'],
      },
      {
        pattern: /^\s*(?:no|nope|not really)\b/i,
        reassemblies: ['Why not?', 'Fair enough. What would you rather focus on instead?'],
      },
    ],
  },
]

export const FALLBACKS = [
  'Tell me more about that.',
  'I see. Could you say a little more about what you mean?',
  'That is interesting. How does it connect to what you are working on?',
  'Go on — what happened next?',
  "Let's look at that from another angle.",
]
