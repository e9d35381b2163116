"""The Qt bridge: QObjects that own the active feed and hand widgets frame-rate batches."""
