import { FlaskConical, Wand2 } from 'lucide-react'
import { Button } from '@/components/ui/button'

type ProductExampleProps = {
  isPending: boolean
  onTry: () => void
}

/**
 * The product description's own A2A example (`tasks/send`, `params.id`, parts with `type`), sent
 * as written so its real answer can be seen (docs/a2a.md §Product description example).
 */
export function ProductExample({ isPending, onTry }: ProductExampleProps) {
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        The product description shows <code className="font-mono">tasks/send</code> with the task id
        in <code className="font-mono">params.id</code>. The cloud has no such method; send it as
        written to see its answer.
      </p>
      <div>
        <Button variant="outline" size="sm" disabled={isPending} onClick={onTry}>
          <FlaskConical aria-hidden />
          Try the product description’s example
        </Button>
      </div>
    </div>
  )
}

/** Beside the example's -32601: the same request with the method the cloud has, in one click. */
export function RewriteOffer({
  isPending,
  onRewrite,
}: {
  isPending: boolean
  onRewrite: () => void
}) {
  return (
    <div className="grid gap-2 rounded-lg border border-primary/40 p-4">
      <p className="text-sm">
        The cloud’s method is <code className="font-mono">message/send</code>. The same message
        works there, with the task id moved from <code className="font-mono">params.id</code> (which
        the cloud ignores) to <code className="font-mono">params.metadata.taskId</code>.
      </p>
      <div>
        <Button size="sm" pending={isPending} onClick={onRewrite}>
          <Wand2 aria-hidden />
          Use message/send
        </Button>
      </div>
    </div>
  )
}
