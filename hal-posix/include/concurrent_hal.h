/* hal-posix/include/concurrent_hal.h - threads, mutexes, queues, semaphores
 * and software timers with Device OS's os_* C ABI, on the sim scheduler. */
#ifndef VDEV_CONCURRENT_HAL_H
#define VDEV_CONCURRENT_HAL_H
#include "hal_platform.h"
#ifdef __cplusplus
extern "C" {
#endif

typedef void *os_thread_t;
typedef int32_t os_result_t;
typedef uint8_t os_thread_prio_t;
typedef void *os_mutex_t;
typedef void *os_mutex_recursive_t;
typedef void *os_queue_t;
typedef void *os_semaphore_t;
typedef void *os_timer_t;
typedef void os_thread_return_t;
typedef os_thread_return_t (*os_thread_fn_t)(void *param);

#define OS_THREAD_PRIORITY_DEFAULT ((os_thread_prio_t)2)
#define OS_THREAD_PRIORITY_CRITICAL ((os_thread_prio_t)9)
#define OS_THREAD_PRIORITY_NETWORK ((os_thread_prio_t)7)
#define OS_THREAD_STACK_SIZE_DEFAULT ((size_t)(3 * 1024))
#define OS_THREAD_INVALID_HANDLE ((os_thread_t)NULL)
#define CONCURRENT_WAIT_FOREVER ((system_tick_t)-1)

typedef enum { OS_SCHEDULER_STATE_NOT_STARTED = 0, OS_SCHEDULER_STATE_RUNNING = 1,
               OS_SCHEDULER_STATE_SUSPENDED = 2 } os_scheduler_state_t;

os_result_t os_thread_create(os_thread_t *result, const char *name, os_thread_prio_t priority,
                             os_thread_fn_t fun, void *thread_param, size_t stack_size);
bool os_thread_is_current(os_thread_t thread);
os_result_t os_thread_yield(void);
os_result_t os_thread_join(os_thread_t thread);
os_result_t os_thread_exit(os_thread_t thread);
os_result_t os_thread_cleanup(os_thread_t thread);
os_result_t os_thread_delay_until(system_tick_t *previousWakeTime, system_tick_t timeIncrement);
os_thread_t os_thread_current(void *reserved);
void os_thread_scheduling(bool enabled, void *reserved);
os_scheduler_state_t os_scheduler_get_state(void *reserved);

int os_mutex_create(os_mutex_t *mutex);
int os_mutex_destroy(os_mutex_t mutex);
int os_mutex_lock(os_mutex_t mutex);
int os_mutex_trylock(os_mutex_t mutex);
int os_mutex_unlock(os_mutex_t mutex);
int os_mutex_recursive_create(os_mutex_recursive_t *mutex);
int os_mutex_recursive_destroy(os_mutex_recursive_t mutex);
int os_mutex_recursive_lock(os_mutex_recursive_t mutex);
int os_mutex_recursive_trylock(os_mutex_recursive_t mutex);
int os_mutex_recursive_unlock(os_mutex_recursive_t mutex);

int os_queue_create(os_queue_t *queue, size_t item_size, size_t item_count, void *reserved);
int os_queue_put(os_queue_t queue, const void *item, system_tick_t delay, void *reserved);
int os_queue_take(os_queue_t queue, void *item, system_tick_t delay, void *reserved);
int os_queue_peek(os_queue_t queue, void *item, system_tick_t delay, void *reserved);
int os_queue_destroy(os_queue_t queue, void *reserved);

int os_semaphore_create(os_semaphore_t *semaphore, unsigned max_count, unsigned initial_count);
int os_semaphore_destroy(os_semaphore_t semaphore);
int os_semaphore_take(os_semaphore_t semaphore, system_tick_t timeout, bool reserved);
int os_semaphore_give(os_semaphore_t semaphore, bool reserved);

typedef enum os_timer_change_t {
    OS_TIMER_CHANGE_START,
    OS_TIMER_CHANGE_RESET,
    OS_TIMER_CHANGE_STOP,
    OS_TIMER_CHANGE_PERIOD
} os_timer_change_t;

int os_timer_create(os_timer_t *timer, unsigned period, void (*callback)(os_timer_t timer), void *timer_id,
                    bool one_shot, void *reserved);
int os_timer_destroy(os_timer_t timer, void *reserved);
int os_timer_get_id(os_timer_t timer, void **timer_id);
int os_timer_set_id(os_timer_t timer, void *timer_id);
int os_timer_change(os_timer_t timer, os_timer_change_t change, bool fromISR, unsigned period, unsigned block,
                    void *reserved);
int os_timer_is_active(os_timer_t timer, void *reserved);

#ifdef __cplusplus
}
#endif
#endif
