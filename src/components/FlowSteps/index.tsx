import { View, Text } from '@tarojs/components'
import { FLOW_STEPS } from '../../domain/stages'
import './index.css'

/**
 * The four public steps (发布议题 → 面对面议事 → 拟办意见公告 → 办理结果公示) as a progress line. `step` is 1–4
 * and `done` says whether that step is complete (a notice still open for objections is step 3, not done).
 * `compact` (the staff topic page) draws one numbered tile per step ("1. 发布议题") instead of dots and names;
 * `stepClassName` adds the page's own class to each step, with `--done` / `--current` as the step stands.
 */
/**
 * A step's name with one allowed line break, before its last word of two characters (面对面 | 议事, 拟办意见 | 公告):
 * on a narrow screen or in care mode a name wraps there, never leaving one character alone on a line (面对面议 | 事).
 * The break is a zero-width space; .flow__name keeps CJK words whole (word-break: keep-all).
 */
export function breakableName(name: string): string {
  return name.length > 3 ? `${name.slice(0, -2)}\u200b${name.slice(-2)}` : name
}

export default function FlowSteps({ step, done, compact, stepClassName }: { step: number; done: boolean; compact?: boolean; stepClassName?: string }) {
  const current = FLOW_STEPS[step - 1] ?? ''
  return (
    <View className={compact ? 'flow flow--compact' : 'flow'} aria-label={`四步进度：第${step}步 ${current}，${done ? '已完成' : '进行中'}`}>
      {FLOW_STEPS.map((name, i) => {
        const n = i + 1
        const state = n < step || (n === step && done) ? 'done' : n === step ? 'current' : 'todo'
        const own = stepClassName ? [stepClassName, state === 'todo' ? '' : `${stepClassName}--${state}`] : []
        const className = [...own, 'flow__step', `flow__step--${state}`].filter(Boolean).join(' ')
        return compact ? (
          <Text key={name} className={className}>{`${n}. ${name}`}</Text>
        ) : (
          <View key={name} className={className}>
            <Text className='flow__dot'>{state === 'done' ? '✓' : String(n)}</Text>
            <Text className='flow__name'>{breakableName(name)}</Text>
          </View>
        )
      })}
    </View>
  )
}
