import { jsonRequestSamples, type CodeSample } from '@/lib/code-samples'
import { videoRequestBody } from './generate'
import type { VideoInput } from './schemas'

/** One generation as curl / TypeScript / Python, the key as `$<keyVariable>`. */
export const videoCodeSamples = (input: VideoInput, keyVariable: string): CodeSample[] =>
  jsonRequestSamples({
    path: '/api/v1/generate-video',
    body: videoRequestBody(input),
    keyVariable,
  })
