import { FlaskConical, Wand2 } from 'lucide-react'
import { Button } from '@/components/ui/button'

type ProductExampleProps = {
  isPending: boolean
  /** The last call was the example and the cloud answered -32601: offer the rewrite. */
  canRewrite: boolean
  onTry: () => void
  onRewrite: () => void
}

/**
 * The product description's own A2A example (`tasks/send`, `params.id`, parts with `type`), sent
 * as written so its real answer can be seen, then rewritten to the method the cloud has
 * (docs/a2a.md §Product description example).
 */
export function ProductExample({ isPending, canRewrite, onTry, onRewrite }: ProductExampleProps) {
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        The product description shows <code className="font-mono">tasks/send</code> with the task id
        in <code className="font-mono">params.id</code>. The cloud has no such method; send it as
        written to see its answer.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" pending={isPending && !canRewrite} onClick={onTry}>
          <FlaskConical aria-hidden />
          Try the product description’s example
        </Button>
        {canRewrite ? (
          <Button size="sm" pending={isPending} onClick={onRewrite}>
            <Wand2 aria-hidden />
            Use message/send
          </Button>
        ) : null}
      </div>
      {canRewrite ? (
        <p className="text-sm">
          “Use message/send” sends the same message with the real method, the task id moved to{' '}
          <code className="font-mono">params.metadata.taskId</code>.
        </p>
      ) : null}
    </div>
  )
}
