// Demo knowledge: two documents of the seeded "Support Bot" agent (seed.ts), so the console's
// knowledge view and query have something real to show, in strict mode too (an agent with
// documents has the knowledge service, docs/cloud/knowledge.md "Service availability").
import type { Db } from '../core/db/client.ts'
import { SEED } from '../core/seed.ts'
import { addDocument, loadAgent } from './store.ts'

const DOCUMENTS = [
  {
    filename: 'pricing-faq.md',
    contentType: 'text/markdown',
    text: `# Pricing FAQ

## How are credits billed?
All balances and prices are in US dollars. New organizations start with $5.00 of free credits.
Chat completions are billed per token at the model's price; images, video and voice per request.

## What does a container cost?
Deploying a container costs a one-time deployment fee ($15.00 with the default 1792 CPU units and
1792 MB of memory) and then $1.17 per day while it is running. Deleting a running container within
two hours refunds 75 % of the fee, within a day 50 %.

## Can I top up automatically?
Yes. Auto top-up buys credits when the balance falls below a threshold you choose.`,
  },
  {
    filename: 'deploy-guide.txt',
    contentType: 'text/plain',
    text: `Deploying an agent runtime

1. Request registry credentials for your project and log in to the registry with docker login.
2. Build the image for arm64 and push it to the repository URI you received.
3. Create the container with the pushed image URI. Provisioning takes several minutes; poll the
   container until its status is running, then open the load balancer URL.

If a deployment fails, read the container's deployment log and error message, fix the image and
deploy again with the same project name: that updates the existing container.`,
  },
]

export async function seedKnowledge(db: Db): Promise<void> {
  const agent = await loadAgent(db, SEED.agentIds[0], SEED.organizationId)
  for (const doc of DOCUMENTS) {
    await addDocument(db, {
      agent,
      userId: SEED.userId,
      organizationId: SEED.organizationId,
      text: doc.text,
      storedText: doc.text,
      filename: doc.filename,
      contentType: doc.contentType,
      extra: {
        fileSize: Buffer.byteLength(doc.text),
        filename: doc.filename,
        fileName: doc.filename,
      },
    })
  }
}
