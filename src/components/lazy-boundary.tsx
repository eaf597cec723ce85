import { Component, type ReactNode } from 'react'

type LazyBoundaryProps = { fallback: ReactNode; children: ReactNode }

/**
 * Around a lazily loaded part of the shell (palette, menus, toasts): if its code cannot be
 * loaded (the server went away), show the fallback instead of letting the router's error
 * boundary replace the whole page.
 */
export class LazyBoundary extends Component<LazyBoundaryProps, { hasFailed: boolean }> {
  override state = { hasFailed: false }

  static getDerivedStateFromError() {
    return { hasFailed: true }
  }

  override render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children
  }
}
