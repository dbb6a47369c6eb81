import SharedPhotos from '../../components/Photos'

/** Staff pages show stored photos exactly as the resident pages do (cloud:// in WeChat, the gateway link in H5). */
export default function Photos({ fileIds }: { fileIds: readonly string[] }) {
  return <SharedPhotos ids={fileIds} />
}
